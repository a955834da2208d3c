// The MCP Servers view in the real extension host with real opencode and a real MCP server from npm
// (server-everything over stdio): "Add MCP Server…" writes a checked opencode.mcp entry, the folder's
// restarted server picks it up, and the view lists it per folder with its status and actions.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";
import { repoRoot } from "../../paths";

type Row = { label: string; description?: string; contextValue?: string; node: unknown };
const rows = () => vscode.commands.executeCommand<Row[][]>("opencode.test.mcpRows");
const extension = () => vscode.extensions.getExtension("opencode-community.opencode-vscode")!;
const everything = path.join(repoRoot, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");

describe("MCP Servers view with real opencode and server-everything", function () {
  this.timeout(120_000);
  let folder: vscode.WorkspaceFolder;
  const folderValue = () => vscode.workspace.getConfiguration("opencode", folder.uri).inspect<Record<string, unknown>>("mcp")?.workspaceFolderValue;
  /** The folder's rows: the view has one group per folder in a multi-root window. */
  const rowsOf = async () => (await rows())[vscode.workspace.workspaceFolders!.indexOf(folder)];
  const row = async (name: string) => (await rowsOf()).find(r => r.label === name);

  before(async () => {
    await sharedHermetic();
    await extension().activate();
    folder = vscode.workspace.workspaceFolders![0];
  });
  after(async () => {
    await vscode.workspace.getConfiguration("opencode", folder.uri).update("mcp", undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
  });

  it("contributes the view to the opencode container with its title actions", () => {
    const pkg = extension().packageJSON;
    assert.ok(pkg.contributes.views.opencode.some((v: { id: string; name: string }) => v.id === "opencode.mcp" && v.name === "MCP Servers"));
    const title = pkg.contributes.menus["view/title"].filter((m: { when: string }) => m.when === "view == opencode.mcp").map((m: { command: string }) => m.command);
    assert.deepEqual(title, ["opencode.mcp.add", "opencode.mcp.refresh"]);
  });

  it("lists nothing from a folder whose server is stopped, and reading the view starts none", async () => {
    // Earlier files of the suite may have started every folder's server: stop the last folder's.
    const last = vscode.workspace.workspaceFolders!.at(-1)!;
    await vscode.commands.executeCommand("opencode.test.stopServer", last.name);
    const states = await vscode.commands.executeCommand<{ folder: string; kind: string }[]>("opencode.test.serverStates");
    const stopped = vscode.workspace.workspaceFolders!.map((f, i) => ({ f, i })).filter(({ f }) => (states.find(s => s.folder === f.name)?.kind ?? "stopped") === "stopped");
    assert.ok(stopped.some(({ f }) => f.name === last.name), `${last.name}'s server did not stop: ${JSON.stringify(states)}`);
    const groups = await rows();
    for (const { i } of stopped) assert.deepEqual(groups[i].map(r => r.label), ["Start server to see MCP servers"]);
    const after = await vscode.commands.executeCommand<{ folder: string; kind: string }[]>("opencode.test.serverStates");
    for (const { f } of stopped) assert.equal(after.find(s => s.folder === f.name)?.kind ?? "stopped", "stopped", f.name);
  });

  it("Add refuses a raw secret and writes nothing; a reference is written as given", async () => {
    await vscode.commands.executeCommand("opencode.mcp.add", { folder: folder.name, name: "leaky", type: "local", command: [process.execPath, everything, "stdio"], environment: { API_TOKEN: "ghp_raw_secret" }, target: "folder" });
    await vscode.commands.executeCommand("opencode.mcp.add", { folder: folder.name, name: "bad name", type: "local", command: ["x"], target: "folder" });
    await vscode.commands.executeCommand("opencode.mcp.add", {
      folder: folder.name, name: "everything", type: "local", command: [process.execPath, everything, "stdio"], environment: { API_TOKEN: "{env:OC_MCP_IT_TOKEN}", LOG_LEVEL: "debug" }, target: "folder",
    });
    await vscode.commands.executeCommand("opencode.mcp.add", { folder: folder.name, name: "broken", type: "local", command: [process.execPath, "-e", "process.exit(3)"], target: "folder" });
    // The barrier: the valid entries are there, so the refused ones were handled before them.
    assert.deepEqual(folderValue(), { broken: { type: "local", command: [process.execPath, "-e", "process.exit(3)"] }, everything: { type: "local", command: [process.execPath, everything, "stdio"], environment: { API_TOKEN: "{env:OC_MCP_IT_TOKEN}", LOG_LEVEL: "debug" } } });
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration("opencode", folder.uri).inspect("mcp")).includes("ghp_raw_secret"), "the raw secret reached no settings level");
  });

  it("Add as typed: a secret typed under a secret-looking key is written only as the {env:} reference chosen", async () => {
    const seen: string[] = [];
    type Item = vscode.QuickPickItem & Record<string, unknown>;
    // Each question in order, answered as a user would; inputs must pass their own validation.
    const script: ((items: Item[] | undefined, o: vscode.InputBoxOptions & vscode.QuickPickOptions) => unknown)[] = [
      items => items!.find(i => i.type === "local"),
      (_, o) => { assert.match(String(o.validateInput!("bad name")), /letters, digits/); return "scripted"; },
      () => `"${process.execPath}" '${everything}' stdio`,
      items => items!.find(i => i.done === false),
      () => "API_TOKEN",
      (_, o) => { assert.equal(o.password, true, "a secret is typed hidden"); return "ghp_typed_secret"; },
      items => items!.find(i => i.via === "env"),
      (_, o) => { assert.equal(o.value, "SCRIPTED_API_TOKEN"); return o.value; },
      items => items!.find(i => i.done === true),
      items => items!.find(i => i.target === "folder"),
    ];
    const next = (items: Item[] | undefined, o: vscode.InputBoxOptions & vscode.QuickPickOptions) => {
      seen.push(o.title ?? "");
      const step = script.shift();
      if (!step) throw new Error("Add asked more than the script answers");
      const answer = step(items, o);
      if (typeof answer === "string" && o.validateInput) assert.equal(o.validateInput(answer), undefined, `"${answer}" is refused`);
      return Promise.resolve(answer);
    };
    const ui = { pick: (items: Item[], o: vscode.QuickPickOptions) => next(items, o), input: (o: vscode.InputBoxOptions) => next(undefined, o), confirm: async () => false };
    await vscode.commands.executeCommand("opencode.test.mcpAddAnswering", ui, { folder: folder.name });
    assert.equal(script.length, 0, `unanswered questions after ${seen.length}`);
    assert.deepEqual(folderValue()?.scripted, { type: "local", command: [process.execPath, everything, "stdio"], environment: { API_TOKEN: "{env:SCRIPTED_API_TOKEN}" } });
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration("opencode", folder.uri).inspect("mcp")).includes("ghp_typed_secret"), "the typed secret reached no settings level");
  });

  it("after a restart the folder's server runs it: the view lists it connected, and disconnect/connect from its row act", async () => {
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
    await waitUntil(async () => (await row("everything"))?.description === "connected", 60_000, "everything is not listed connected");
    const connected = (await row("everything"))!;
    const broken = await row("broken");
    assert.deepEqual([broken?.description, broken?.contextValue], ["failed: MCP error -32000: Connection closed", "opencode.mcp.server.failed.setting"]);
    assert.equal(connected.contextValue, "opencode.mcp.server.connected.setting", "Remove is offered: the setting holds it");
    // The rows are grouped per folder: the other folder's server does not have it.
    const others = (await rows()).filter((_, i) => i !== vscode.workspace.workspaceFolders!.indexOf(folder));
    assert.ok(others.every(g => !g.some(r => r.label === "everything")), JSON.stringify(others));

    await vscode.commands.executeCommand("opencode.mcp.disconnect", connected.node);
    assert.equal((await row("everything"))?.description, "disabled");
    await vscode.commands.executeCommand("opencode.mcp.connect", (await row("everything"))!.node);
    assert.equal((await row("everything"))?.description, "connected");
  });

  it("Manage MCP Servers… (palette): picks a server, offers what fits its state, and acts", async () => {
    const offered: string[][] = [];
    type Item = vscode.QuickPickItem & Record<string, unknown>;
    const script = [
      (items: Item[]) => items.find(i => i.label === "everything"),
      (items: Item[]) => { offered.push(items.map(i => String(i.action))); return items.find(i => i.action === "disconnect"); },
    ];
    const ui = { pick: async (items: Item[]) => script.shift()!(items), input: async () => undefined, confirm: async () => false };
    await vscode.commands.executeCommand("opencode.test.mcpManageAnswering", ui, folder);
    assert.equal(script.length, 0, "both questions were asked");
    assert.deepEqual(offered, [["disconnect", "remove"]]);
    assert.equal((await row("everything"))?.description, "disabled");
    await vscode.commands.executeCommand("opencode.mcp.connect", (await row("everything"))!.node);
    assert.equal((await row("everything"))?.description, "connected");
  });

  it("Remove from its row: declined, nothing changes; confirmed, only that entry goes and the running server drops it", async () => {
    const questions: string[] = [];
    const answering = (yes: boolean) => ({ confirm: async (message: string) => { questions.push(message); return yes; } });
    await vscode.commands.executeCommand("opencode.test.mcpRemoveAnswering", answering(false), (await row("broken"))!.node);
    assert.ok(folderValue()?.broken, "declined: still in the setting");
    await vscode.commands.executeCommand("opencode.test.mcpRemoveAnswering", answering(true), (await row("everything"))!.node);
    assert.deepEqual(questions, ['Remove MCP server "broken" from opencode.mcp (Folder settings)?', 'Remove MCP server "everything" from opencode.mcp (Folder settings)?']);
    assert.deepEqual(Object.keys(folderValue() ?? {}).sort(), ["broken", "scripted"]);
    const removed = await row("everything");
    assert.deepEqual([removed?.description, removed?.contextValue], ["disabled", "opencode.mcp.server.disabled"], "until the restart the server lists it, disconnected and no longer removable");
  });
});
