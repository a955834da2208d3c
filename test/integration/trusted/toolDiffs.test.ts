// The virtual documents behind a tool card's diff (the opencode-diff scheme) live as long as a tab
// shows them. Before, every diff opened from a card kept both sides' whole texts for the window's
// lifetime.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";
import { text, tools } from "../../fakes/fakeModel";

type Chat = { folder?: string; focused: boolean };
type ToolPart = { messageID: string; partID: string; tool: string; status: string };
const chats = () => vscode.commands.executeCommand<Chat[]>("opencode.test.chats");
const chatText = () => vscode.commands.executeCommand<string>("opencode.test.chatText").then(t => t, () => "");
const toolParts = () => vscode.commands.executeCommand<ToolPart[]>("opencode.test.toolParts");
const diffDocuments = () => vscode.commands.executeCommand<number>("opencode.test.diffDocuments");

/** The diff tab of a tool card for `file`: both sides are virtual documents. */
function cardDiffTab(file: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs).find(t => t.input instanceof vscode.TabInputTextDiff
    && t.input.original.scheme === "opencode-diff" && t.input.modified.scheme === "opencode-diff" && t.input.modified.path.endsWith(`/${file}`));
}

describe("virtual diff documents of tool cards with real opencode", function () {
  this.timeout(90_000);
  let env: Awaited<ReturnType<typeof sharedHermetic>>;
  let api: vscode.WorkspaceFolder;
  const target = () => path.join(api.uri.fsPath, "tool-card-diff.txt");

  before(async () => {
    env = await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    api = vscode.workspace.workspaceFolders![0];
  });
  after(async () => {
    // The write is under review: kept, so no later suite finds it there.
    await vscode.commands.executeCommand("opencode.keepAll");
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    fs.rmSync(target(), { force: true });
  });

  it("opening a tool card's diff adds its two sides; closing its tab frees them", async () => {
    await vscode.commands.executeCommand("opencode.openChatInEditor", api.uri);
    await waitUntil(async () => (await chats()).some(c => c.focused && c.folder === api.name), 15_000, "the chat editor did not open on api");
    await vscode.commands.executeCommand("opencode.newSession");
    env.model.script(tools({ name: "write", args: { filePath: target(), content: "written by a tool\n" } }), text("Tool card written ✓"));
    await vscode.commands.executeCommand("opencode.test.chatSend", "Create tool-card-diff.txt");
    await waitUntil(async () => (await chatText()).includes("Tool card written ✓"), 60_000, "the turn did not finish");
    const write = (await toolParts()).find(p => p.tool === "write" && p.status === "completed");
    assert.ok(write, `no completed write card: ${JSON.stringify(await toolParts())}`);

    const before = await diffDocuments();
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "openDiff", messageID: write.messageID, partID: write.partID });
    await waitUntil(() => cardDiffTab("tool-card-diff.txt") !== undefined, 10_000, "the card's diff did not open");
    const input = cardDiffTab("tool-card-diff.txt")!.input as vscode.TabInputTextDiff;
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), "written by a tool\n");
    assert.equal(await diffDocuments(), before + 2, "the diff's two sides are held while it shows");

    await vscode.window.tabGroups.close(cardDiffTab("tool-card-diff.txt")!);
    try {
      await waitUntil(async () => await diffDocuments() === before, 10_000, "the diff's documents outlived its tab");
    } catch (err) {
      throw new Error(`${(err as Error).message}: ${await diffDocuments()} held, ${before} before it opened`);
    }
  });
});
