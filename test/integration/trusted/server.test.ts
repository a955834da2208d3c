import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { groupMembers, waitUntil } from "../../real/helpers/processes";

type ServerInfo = { folder: string; kind: string; pid?: number; baseUrl?: string; connection?: string };
const folders = () => vscode.workspace.workspaceFolders ?? [];
const openIn = async (f: vscode.WorkspaceFolder) =>
  vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(f.uri, "src", "greet.ts")));
const states = () => vscode.commands.executeCommand<ServerInfo[]>("opencode.test.serverStates");
const statusBar = () => vscode.commands.executeCommand<{ text: string; tooltip?: string }>("opencode.test.statusBar");

describe("server lifecycle in VS Code", function () {
  this.timeout(90_000);
  before(async () => {
    await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    // Multi-root: commands act on the active editor's folder (with no editor they would ask).
    await openIn(folders()[0]);
  });
  after(async () => {
    for (const f of folders()) { await openIn(f); await vscode.commands.executeCommand("opencode.server.stop"); }
  });

  before(async () => {
    // The chat tests ran first and started servers: begin from none.
    for (const f of folders()) { await openIn(f); await vscode.commands.executeCommand("opencode.server.stop"); }
    await openIn(folders()[0]);
  });

  it("Start Server starts the active folder's server, its event stream connects, the status bar shows it running", async () => {
    await vscode.commands.executeCommand("opencode.server.start");
    const [s] = await states();
    assert.equal(s.kind, "running");
    assert.equal(s.folder, folders()[0].name);
    await waitUntil(async () => (await states())[0].connection === "connected", 15_000, "the event stream did not connect");
    assert.match(s.baseUrl!, /^http:\/\/127\.0\.0\.1:\d+$/);
    const bar = await statusBar();
    assert.match(bar.text, /pass-filled/);
    assert.match(bar.tooltip!, /running, opencode \d+\.\d+\.\d+/);
    assert.match(bar.tooltip!, /Events: connected/);
  });

  it("a second folder of a multi-root workspace gets its own server", async () => {
    await openIn(folders()[1]);
    await vscode.commands.executeCommand("opencode.server.start");
    const all = await states();
    const [a, b] = folders().map(f => all.find(s => s.folder === f.name)!);
    assert.equal(a.kind, "running");
    assert.equal(b.kind, "running");
    assert.notEqual(a.pid, b.pid);
    assert.notEqual(a.baseUrl, b.baseUrl);
    assert.match((await statusBar()).text, /opencode \(web\)/, "the status bar names the active editor's folder");
    await vscode.commands.executeCommand("opencode.server.stop");
    assert.equal((await states()).find(s => s.folder === folders()[1].name)!.kind, "stopped");
    assert.equal((await states()).find(s => s.folder === folders()[0].name)!.kind, "running", "stopping one folder leaves the other");
    await openIn(folders()[0]);
  });

  it("Restart Server replaces the process; Stop Server leaves none", async () => {
    const first = async () => (await states()).find(s => s.folder === folders()[0].name)!;
    const before = await first();
    await vscode.commands.executeCommand("opencode.server.restart");
    const after = await first();
    assert.equal(after.kind, "running");
    assert.notEqual(after.pid, before.pid);
    assert.deepEqual(groupMembers(before.pid!), [], "the old server's processes are gone");
    await vscode.commands.executeCommand("opencode.server.stop");
    assert.equal((await first()).kind, "stopped");
    await waitUntil(() => groupMembers(after.pid!).length === 0, 5_000, "processes left after Stop");
    assert.match((await statusBar()).text, /circle-outline/);
  });

  it("a wrong setting value is named with the value used instead, and the server runs on the safe value", async () => {
    // Before, "ten" made the idle timer NaN: the server stopped about 1 ms after it started, silently.
    const config = vscode.workspace.getConfiguration("opencode", folders()[0].uri);
    await config.update("server.idleTimeoutMinutes", "ten", vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await vscode.commands.executeCommand("opencode.server.start");
      const first = async () => (await states()).find(s => s.folder === folders()[0].name)!;
      // The barrier: the event stream connecting takes far longer than a NaN timer's 1 ms.
      await waitUntil(async () => (await first()).connection === "connected", 15_000, "the event stream did not connect");
      assert.equal((await first()).kind, "running", "the server is still running");
      const problems = await vscode.commands.executeCommand<string[]>("opencode.test.settingProblems");
      assert.ok(problems.includes('opencode.server.idleTimeoutMinutes: "ten" is not a number of minutes; using 10'), problems.join("\n"));
    } finally {
      await config.update("server.idleTimeoutMinutes", undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await vscode.commands.executeCommand("opencode.server.stop");
    }
  });
});
