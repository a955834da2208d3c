// What "Add MCP Server…" may write to `opencode.mcp`: a checked name, a local command or a remote
// URL, and environment values / headers where a secret is only ever a reference opencode resolves
// when it reads its config (`{env:NAME}` from the server's environment, `{file:path}` from a file).
import { checkMcp, type McpServerConfig } from "./opencodeSettings";

/**
 * opencode names an MCP server's tools `<server>_<tool>`, and model providers accept tool names of
 * [A-Za-z0-9_-] only, so a server name outside that set would break every turn's tool list.
 */
const namePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Why `name` cannot name an MCP server, or undefined when it can. */
export function mcpNameProblem(name: string, taken: readonly string[] = []): string | undefined {
  if (!name) return "Enter a name.";
  if (!namePattern.test(name)) return "Use letters, digits, '-' and '_' only (at most 64): opencode names the server's tools <name>_<tool>.";
  if (taken.includes(name)) return `"${name}" is already in opencode.mcp here.`;
  return undefined;
}

/**
 * A command line split into words the way a POSIX shell splits one without expanding anything:
 * whitespace separates, single and double quotes group, a backslash escapes the next character
 * (outside single quotes). opencode runs the first word with the rest as arguments, no shell.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = "", inWord = false, quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') { quote = c; inWord = true; }
    else if (c === "\\" && i + 1 < line.length) { word += line[++i]; inWord = true; }
    else if (/\s/.test(c)) { if (inWord) words.push(word); word = ""; inWord = false; }
    else { word += c; inWord = true; }
  }
  if (quote) throw new Error(`The command has an unclosed ${quote} quote.`);
  if (inWord) words.push(word);
  return words;
}

/** Why `url` cannot be a remote MCP server's address, or undefined when it can. */
export function mcpUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try { parsed = new URL(url); } catch { return "Enter a URL such as https://mcp.example.com/mcp."; }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "The URL must start with http:// or https://.";
  if (parsed.username || parsed.password) return "Put no credentials in the URL: add an Authorization header with an {env:NAME} reference instead.";
  return undefined;
}

/** A key whose value is a credential: such a value is written only as a reference. */
export function looksSecret(key: string): boolean {
  return /token|key|secret|passw|authorization|credential|cookie/i.test(key);
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `{env:NAME}` or `{file:path}` anywhere in a value (opencode substitutes them in place). */
const reference = /\{env:[A-Za-z_][A-Za-z0-9_]*\}|\{file:[^}\s][^}]*\}/;

/** Whether the value takes its secret from a reference rather than holding it. */
export function holdsReference(value: string): boolean {
  return reference.test(value);
}

/** Why a key's value may not be written as entered, or undefined when it may. */
export function secretValueProblem(key: string, value: string): string | undefined {
  if (!looksSecret(key) || holdsReference(value)) return undefined;
  return `"${key}" looks like a secret: it is written only as {env:NAME} or {file:path}, never as the value itself.`;
}

/** Why `name` cannot be an environment variable for an {env:} reference, or undefined. */
export function envNameProblem(name: string): string | undefined {
  return envName.test(name) ? undefined : "Use letters, digits and '_' (not starting with a digit), e.g. GITHUB_TOKEN.";
}

/** An environment variable name to offer for a secret of server `server` under `key`. */
export function suggestedEnvName(server: string, key: string): string {
  const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  const base = /^authorization$/i.test(key) ? "TOKEN" : clean(key);
  const name = base.startsWith(clean(server)) ? base : `${clean(server)}_${base}`;
  return /^[0-9]/.test(name) ? `MCP_${name}` : name;
}

/**
 * The value that replaces a secret: the reference, keeping a scheme word the user typed before the
 * secret ("Bearer abc" → "Bearer {env:NAME}"), since an Authorization header needs it.
 */
export function referenceFor(rawValue: string, ref: { env: string } | { file: string }): string {
  const placeholder = "env" in ref ? `{env:${ref.env}}` : `{file:${ref.file}}`;
  const scheme = /^(Bearer|Basic|Token)\s+\S/i.exec(rawValue.trim())?.[1];
  return scheme ? `${scheme} ${placeholder}` : placeholder;
}

export type McpEntryInput =
  | { type: "local"; command: string[]; environment: Record<string, string> }
  | { type: "remote"; url: string; headers: Record<string, string> };

/**
 * The `opencode.mcp` entry for the input, checked as the setting's own check will check it when the
 * server starts; throws a message naming what to fix (a raw secret included).
 */
export function mcpEntry(name: string, input: McpEntryInput): McpServerConfig {
  const nameProblem = mcpNameProblem(name);
  if (nameProblem) throw new Error(nameProblem);
  const values = input.type === "local" ? input.environment : input.headers;
  for (const [key, value] of Object.entries(values)) {
    const problem = secretValueProblem(key, value);
    if (problem) throw new Error(problem);
  }
  if (input.type === "local" && !input.command[0]?.trim()) throw new Error("Enter the command that starts the MCP server.");
  if (input.type === "remote") {
    const urlProblem = mcpUrlProblem(input.url);
    if (urlProblem) throw new Error(urlProblem);
  }
  const entry = input.type === "local"
    ? { type: "local", command: input.command, ...(Object.keys(input.environment).length ? { environment: input.environment } : {}) }
    : { type: "remote", url: input.url, ...(Object.keys(input.headers).length ? { headers: input.headers } : {}) };
  const checked = checkMcp({ [name]: entry }, "mcp");
  if (checked.problem || !checked.value[name]) throw new Error(checked.problem ?? `opencode.mcp.${name} is not valid`);
  return checked.value[name];
}
