// "Add MCP Server…" in an untrusted workspace: opencode.mcp is a restricted setting and no server
// starts, so nothing written would run; the command refuses and writes nothing at any level.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";

describe("MCP servers in an untrusted workspace", function () {
  this.timeout(60_000);

  it("Add writes nothing, and the view offers a start instead of starting a server", async () => {
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.commands.executeCommand("opencode.mcp.add", { folder: folder.name, name: "everything", type: "local", command: ["node", "server.js"], target: "user" });
    const inspected = vscode.workspace.getConfiguration("opencode", folder.uri).inspect("mcp");
    assert.deepEqual([inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue], [undefined, undefined, undefined]);
    const rows = await vscode.commands.executeCommand<{ label: string }[][]>("opencode.test.mcpRows");
    assert.deepEqual(rows.flat().map(r => r.label), ["Start server to see MCP servers"]);
    const running = (await vscode.commands.executeCommand<{ kind: string }[]>("opencode.test.serverStates")).filter(s => s.kind !== "stopped");
    assert.deepEqual(running, []);
  });
});
