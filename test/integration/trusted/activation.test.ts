import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { descendantsMatching, waitUntil } from "../../real/helpers/processes";

const extensionId = "opencode-community.opencode-vscode";

describe("extension in the real VS Code extension host", () => {
  before(() => sharedHermetic());

  it("runs in a real VS Code 1.100+ Node extension host", () => {
    console.log(`      VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost}, remote=${vscode.env.remoteName ?? "none"})`);
    const [major, minor] = vscode.version.split(".").map(Number);
    assert.ok(major > 1 || minor >= 100, `VS Code ${vscode.version} is older than the engine minimum 1.100`);
    assert.equal(typeof process.versions.node, "string");
  });

  it("activates and registers its commands", async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `${extensionId} is not loaded`);
    const t0 = performance.now();
    await ext.activate();
    // A measurement, not an assertion: timings belong in benchmarks, and this host is shared.
    const total = performance.now() - t0;
    const own = await vscode.commands.executeCommand<number>("opencode.test.activationMs");
    console.log(`      activation took ${total.toFixed(1)} ms in the real extension host, ${own.toFixed(1)} ms of it in the extension's activate()`);
    assert.ok(ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ["opencode.openChat", "opencode.showLog"]) assert.ok(commands.includes(id), `${id} is not registered`);
  });

  it("activation spawns nothing", async () => {
    const states = await vscode.commands.executeCommand<{ kind: string }[]>("opencode.test.serverStates");
    assert.deepEqual(states.filter(s => s.kind !== "stopped"), []);
    assert.deepEqual(descendantsMatching(process.pid, " serve --hostname 127.0.0.1"), []);
    assert.match((await vscode.commands.executeCommand<{ text: string }>("opencode.test.statusBar")).text, /circle-outline/);
  });

  it("opens the chat view, whose webview names its folder, and starts that folder's server (first use)", async () => {
    await vscode.commands.executeCommand("opencode.openChat");
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, "the test workspace has a folder");
    let text = "";
    // The webview loads asynchronously after the view is focused; ask until it answers with content.
    for (let i = 0; i < 50 && !text.includes(folder.name); i++) {
      text = await vscode.commands.executeCommand<string>("opencode.test.chatText").then(t => t, () => "");
      if (!text.includes(folder.name)) await new Promise(r => setTimeout(r, 200));
    }
    assert.ok(text.includes(folder.name), `webview text lacks the folder ${folder.name}: ${JSON.stringify(text)}`);
    await waitUntil(async () => (await vscode.commands.executeCommand<{ folder: string; kind: string }[]>("opencode.test.serverStates"))
      .some(s => s.folder === folder.name && s.kind === "running"), 30_000, "the chat did not start its folder's server");
  });
});
