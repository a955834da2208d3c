import * as vscode from "vscode";
import { askFolder } from "../workspace/folderPick";
import {
  envNameProblem, looksSecret, mcpEntry, mcpNameProblem, mcpUrlProblem, referenceFor, secretValueProblem, splitCommandLine, suggestedEnvName,
  type McpEntryInput,
} from "../settings/mcpEntry";
import { mcpNamesAt, targetLabel, writeMcpEntry, type McpTarget } from "./mcpSettings";

/**
 * What "Add MCP Server…" may be given instead of asking (from a keybinding's or another command's
 * arguments): each answer given skips its question, and is checked as a typed one is.
 */
export type McpAddArgs = {
  folder?: string; name?: string; type?: "local" | "remote"; command?: string[]; url?: string;
  environment?: Record<string, string>; headers?: Record<string, string>; target?: McpTarget;
};

/** The questions Add asks, as VS Code's quick input asks them (the integration test answers them itself). */
export type McpAddUi = {
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A modal yes/no; true for `action`. */
  confirm(message: string, action: string): Thenable<boolean>;
};

export const windowUi: McpAddUi = {
  pick: (items, options) => vscode.window.showQuickPick(items, options),
  input: options => vscode.window.showInputBox(options),
  confirm: async (message, action) => (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action,
};

class Cancelled extends Error {}
const answer = <T>(v: T | undefined): T => { if (v === undefined) throw new Cancelled(); return v; };

/** Asks for (or takes from `args`) one MCP server and writes it to `opencode.mcp`; undefined if cancelled. */
export async function addMcpServer(folderHint: vscode.WorkspaceFolder | undefined, args: McpAddArgs = {}, ui: McpAddUi = windowUi): Promise<{ name: string; folder: vscode.WorkspaceFolder } | undefined> {
  if (!vscode.workspace.isTrusted) {
    // opencode.mcp is a restricted setting and no server starts untrusted: nothing written would run.
    throw new Error("opencode starts no MCP server in an untrusted workspace (opencode.mcp is ignored there). Trust the workspace first.");
  }
  try {
    const folder = args.folder ? vscode.workspace.workspaceFolders?.find(f => f.name === args.folder) : folderHint ?? await askFolder("Add MCP server: which folder's opencode?");
    if (!folder) throw args.folder ? new Error(`No workspace folder is named "${args.folder}".`) : new Cancelled();
    const title = "Add MCP Server";
    if (args.type !== undefined && args.type !== "local" && args.type !== "remote") throw new Error(`type must be "local" or "remote", not ${JSON.stringify(args.type)}.`);
    const type = args.type ?? answer(await ui.pick([
      { label: "$(terminal) Local", description: "a command opencode starts (stdio)", type: "local" as const },
      { label: "$(globe) Remote", description: "a URL opencode connects to (HTTP/SSE)", type: "remote" as const },
    ], { title, placeHolder: "What kind of MCP server?" })).type;
    const name = args.name ?? answer(await ui.input({ title, prompt: "A name for it: its tools reach the model as <name>_<tool>", ignoreFocusOut: true, validateInput: v => mcpNameProblem(v.trim()) })).trim();
    // A caller that gives the command (or URL) gives its environment (or headers) too: none is asked for.
    const input: McpEntryInput = type === "local"
      ? { type, command: args.command ?? await askCommand(ui, title), environment: args.environment ?? (args.command ? {} : await askValues(ui, title, name, "environment variable")) }
      : { type, url: args.url ?? await askUrl(ui, title), headers: args.headers ?? (args.url ? {} : await askValues(ui, title, name, "header")) };
    const entry = mcpEntry(name, input);
    if (args.target !== undefined && !(args.target in targetLabel)) throw new Error(`target must be "folder", "workspace" or "user", not ${JSON.stringify(args.target)}.`);
    const target = args.target ?? await askTarget(ui, title);
    if (mcpNamesAt(folder, target).includes(name) && !args.target) {
      if (!await ui.confirm(`"${name}" is already in opencode.mcp (${targetLabel[target]}). Replace it?`, "Replace")) return undefined;
    }
    await writeMcpEntry(folder, target, name, entry);
    return { name, folder };
  } catch (err) {
    if (err instanceof Cancelled) return undefined;
    throw err;
  }
}

async function askCommand(ui: McpAddUi, title: string): Promise<string[]> {
  const problem = (v: string) => { try { return splitCommandLine(v).length ? undefined : "Enter the command that starts the MCP server."; } catch (e) { return (e as Error).message; } };
  const line = answer(await ui.input({ title, prompt: "The command and its arguments (run without a shell), e.g. npx -y @modelcontextprotocol/server-filesystem /path", ignoreFocusOut: true, validateInput: problem }));
  return splitCommandLine(line);
}

async function askUrl(ui: McpAddUi, title: string): Promise<string> {
  return answer(await ui.input({ title, prompt: "The server's URL (http:// or https://)", placeHolder: "https://mcp.example.com/mcp", ignoreFocusOut: true, validateInput: v => mcpUrlProblem(v.trim()) })).trim();
}

/** Environment variables or headers, one at a time; a secret-looking one only as a reference. */
async function askValues(ui: McpAddUi, title: string, server: string, what: "environment variable" | "header"): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (;;) {
    const more = await ui.pick([
      { label: "$(check) Done", done: true, description: Object.keys(values).join(", ") || `no ${what}s` },
      { label: `$(add) Add ${what === "header" ? "a header" : "an environment variable"}…`, done: false },
    ], { title, placeHolder: `${what === "header" ? "Headers sent" : "Environment variables set"} for the server` });
    if (!more || more.done) return values;
    const key = await ui.input({ title, prompt: `The ${what}'s name`, ignoreFocusOut: true, validateInput: v => v.trim() ? undefined : "Enter a name." });
    if (!key?.trim()) continue;
    const value = await askValue(ui, title, server, key.trim());
    if (value !== undefined) values[key.trim()] = value;
  }
}

async function askValue(ui: McpAddUi, title: string, server: string, key: string): Promise<string | undefined> {
  const secret = looksSecret(key);
  const raw = await ui.input({
    title, ignoreFocusOut: true, password: secret,
    prompt: secret ? `"${key}" looks like a secret: it will be written only as {env:NAME} or {file:path}, which opencode reads when it starts. Enter the reference, or the value to choose one next (the value itself is not kept).` : `The value of ${key}`,
  });
  if (raw === undefined || !secretValueProblem(key, raw)) return raw;
  const how = await ui.pick([
    { label: "$(symbol-variable) From an environment variable", description: `{env:${suggestedEnvName(server, key)}}`, via: "env" as const },
    { label: "$(file) From a file", description: "{file:path}", via: "file" as const },
  ], { title, placeHolder: `Where opencode reads ${key} from (the typed value is discarded, never written)` });
  if (!how) return undefined;
  if (how.via === "env") {
    const name = await ui.input({ title, prompt: "The environment variable (set it where VS Code starts, then restart the opencode server)", value: suggestedEnvName(server, key), ignoreFocusOut: true, validateInput: v => envNameProblem(v.trim()) });
    return name ? referenceFor(raw, { env: name.trim() }) : undefined;
  }
  const file = await ui.input({ title, prompt: "The file that holds the secret (absolute, or ~/…); opencode reads it, trimmed", ignoreFocusOut: true, validateInput: v => v.trim() && !v.includes("}") ? undefined : "Enter a path without '}'." });
  return file ? referenceFor(raw, { file: file.trim() }) : undefined;
}

async function askTarget(ui: McpAddUi, title: string): Promise<McpTarget> {
  const items: (vscode.QuickPickItem & { target: McpTarget })[] = [
    { label: targetLabel.folder, description: "this folder only; shared with whoever opens it", target: "folder" },
    { label: targetLabel.user, description: "every folder you open", target: "user" },
  ];
  return answer(await ui.pick(items, { title, placeHolder: "Where to save it" })).target;
}
