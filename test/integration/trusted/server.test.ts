import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { hermeticOpencode } from "../hermetic";
import { groupMembers, processesMatching, waitUntil } from "../../real/helpers/processes";

type ServerInfo = { folder: string; kind: string; pid?: number; baseUrl?: string };
const states = () => vscode.commands.executeCommand<ServerInfo[]>("opencode.test.serverStates");
const statusBar = () => vscode.commands.executeCommand<{ text: string; tooltip?: string }>("opencode.test.statusBar");

describe("server lifecycle in VS Code", function () {
  this.timeout(90_000);
  let env: Awaited<ReturnType<typeof hermeticOpencode>>;
  before(async () => {
    env = await hermeticOpencode();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
  });
  after(async () => {
    await vscode.commands.executeCommand("opencode.server.stop");
    await env?.dispose();
  });

  it("activation spawns nothing", async () => {
    assert.deepEqual((await states()).filter(s => s.kind !== "stopped"), []);
    assert.deepEqual(processesMatching(" serve --hostname 127.0.0.1"), []);
    assert.match((await statusBar()).text, /circle-outline/);
  });

  it("Start Server starts the folder's server and the status bar shows it running", async () => {
    await vscode.commands.executeCommand("opencode.server.start");
    const [s] = await states();
    assert.equal(s.kind, "running");
    assert.equal(s.folder, vscode.workspace.workspaceFolders![0].name);
    assert.match(s.baseUrl!, /^http:\/\/127\.0\.0\.1:\d+$/);
    const bar = await statusBar();
    assert.match(bar.text, /pass-filled/);
    assert.match(bar.tooltip!, /running, opencode \d+\.\d+\.\d+/);
  });

  it("Restart Server replaces the process; Stop Server leaves none", async () => {
    const [before] = await states();
    await vscode.commands.executeCommand("opencode.server.restart");
    const [after] = await states();
    assert.equal(after.kind, "running");
    assert.notEqual(after.pid, before.pid);
    assert.deepEqual(groupMembers(before.pid!), [], "the old server's processes are gone");
    await vscode.commands.executeCommand("opencode.server.stop");
    assert.equal((await states())[0].kind, "stopped");
    await waitUntil(() => groupMembers(after.pid!).length === 0, 5_000, "processes left after Stop");
    assert.match((await statusBar()).text, /circle-outline/);
  });
});
