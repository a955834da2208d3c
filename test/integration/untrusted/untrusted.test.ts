import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { hermeticOpencode } from "../hermetic";
import { descendantsMatching } from "../../real/helpers/processes";

describe("untrusted workspace (workspace trust on)", function () {
  this.timeout(60_000);
  let env: Awaited<ReturnType<typeof hermeticOpencode>>;
  before(async () => { env = await hermeticOpencode(); });
  after(async () => env?.dispose());

  it("is really untrusted in this launch", () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it("starts no server, and says why in the status bar and the chat view", async () => {
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    // The command reports WorkspaceNotTrustedError through an error notification, never a spawn.
    await vscode.commands.executeCommand("opencode.server.start");
    const running = (await vscode.commands.executeCommand<{ kind: string }[]>("opencode.test.serverStates")).filter(s => s.kind !== "stopped");
    assert.deepEqual(running, []);
    assert.deepEqual(descendantsMatching(process.pid, " serve --hostname 127.0.0.1"), []);
    assert.match((await vscode.commands.executeCommand<{ text: string }>("opencode.test.statusBar")).text, /shield/);
    await vscode.commands.executeCommand("opencode.openChat");
    let text = "";
    for (let i = 0; i < 50 && !text.includes("not trusted"); i++) {
      text = await vscode.commands.executeCommand<string>("opencode.test.chatText").then(t => t, () => "");
      if (!text.includes("not trusted")) await new Promise(r => setTimeout(r, 200));
    }
    assert.match(text, /not trusted/);
  });
});
