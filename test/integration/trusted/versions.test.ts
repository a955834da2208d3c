// An opencode outside the supported range, found through opencode.path: VS Code refuses it and says
// which version it found, where, and what to do. The "opencode 2.x" is a real executable script
// printing what 2.x's --version prints; nothing is started from it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { onPath } from "../../../src/server/binary";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";

const folders = () => vscode.workspace.workspaceFolders ?? [];
const statusBar = () => vscode.commands.executeCommand<{ text: string; tooltip?: string }>("opencode.test.statusBar");

describe("an opencode version outside the supported range", function () {
  this.timeout(90_000);
  before(async () => {
    await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
  });

  it("opencode.path at an opencode 2.x: the chat and the status bar name it, its version, and how to put a 1.x beside it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-v2-"));
    const two = path.join(dir, "opencode");
    fs.writeFileSync(two, "#!/bin/sh\necho 'opencode v2.0.0'\n", { mode: 0o755 });
    const folder = folders()[0];
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, "src", "greet.ts")));
    await vscode.commands.executeCommand("opencode.server.stop");
    // Discovery takes OPENCODE_BIN first and falls back to PATH: neither may offer another opencode.
    const saved = { bin: process.env.OPENCODE_BIN, path: process.env.PATH };
    delete process.env.OPENCODE_BIN;
    process.env.PATH = "/usr/bin:/bin";
    assert.equal(onPath("opencode", process.env), undefined, "this machine has an opencode in /usr/bin or /bin");
    const config = vscode.workspace.getConfiguration("opencode");
    await config.update("path", two, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand("opencode.openChatInEditor", folder.uri);
      let text = "";
      await waitUntil(async () => {
        text = await vscode.commands.executeCommand<string>("opencode.test.chatText").then(t => t, () => "");
        return text.includes("2.0.0");
      }, 30_000, "the chat did not name the version found");
      assert.ok(text.includes(`${two} (opencode.path) is opencode 2.0.0, and opencode 2.x is not supported yet`), text);
      assert.ok(text.includes("npm install --prefix ~/.opencode-1 opencode-ai@1.18.33"), text);
      assert.ok(text.includes("set opencode.path to ~/.opencode-1/node_modules/.bin/opencode"), text);
      const bar = await statusBar();
      assert.match(bar.tooltip ?? "", /is opencode 2\.0\.0: opencode 2\.x is not supported yet/);
      const states = await vscode.commands.executeCommand<{ folder: string; kind: string }[]>("opencode.test.serverStates");
      assert.equal(states.find(s => s.folder === folder.name)?.kind, "crashed", "nothing runs from a 2.x");
    } finally {
      Object.assign(process.env, { OPENCODE_BIN: saved.bin, PATH: saved.path });
      await config.update("path", undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
