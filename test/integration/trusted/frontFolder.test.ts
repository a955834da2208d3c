// In the two-folder window, commands and the status bar act on the folder of what is in front:
// the active text editor's, else the active chat tab's. Before, Open Chat in Editor took the last
// chat's folder or the first folder, and the status bar named the first folder whenever no text
// editor was active (a chat tab in front included).
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";

type Chat = { folder?: string; focused: boolean };
const chats = () => vscode.commands.executeCommand<Chat[]>("opencode.test.chats");
const statusBar = () => vscode.commands.executeCommand<{ text: string }>("opencode.test.statusBar");
const greetOf = (f: vscode.WorkspaceFolder) => vscode.Uri.joinPath(f.uri, "src", "greet.ts");

/** Waits for the status bar to match; a failure says what it shows. */
async function statusBarShows(re: RegExp, what: string): Promise<void> {
  try {
    await waitUntil(async () => re.test((await statusBar()).text), 10_000, what);
  } catch (err) {
    throw new Error(`${(err as Error).message}; it shows ${JSON.stringify((await statusBar()).text)}`);
  }
}

describe("multi-root: commands and the status bar follow the folder in front", function () {
  this.timeout(90_000);
  let api: vscode.WorkspaceFolder, web: vscode.WorkspaceFolder;

  before(async () => {
    await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    [api, web] = vscode.workspace.workspaceFolders!;
  });
  afterEach(() => vscode.commands.executeCommand("workbench.action.closeAllEditors"));

  it("Open Chat in Editor with no folder given opens on the active editor's folder, not the last chat's or the first", async () => {
    // The chat touched last is on the first folder: the old fallback took its folder.
    await vscode.commands.executeCommand("opencode.openChatInEditor", api.uri);
    await waitUntil(async () => (await chats()).some(c => c.focused && c.folder === api.name), 15_000, "the chat editor did not open on api");
    await vscode.window.showTextDocument(greetOf(web));
    const before = (await chats()).length;
    await vscode.commands.executeCommand("opencode.openChatInEditor");
    await waitUntil(async () => (await chats()).length > before, 15_000, "no chat editor opened");
    const opened = (await chats()).at(-1)!;
    assert.equal(opened.folder, web.name, "the chat opened on another folder than the active editor's");
  });

  it("the status bar names the folder of the chat tab in front, then of the text editor in front", async () => {
    await vscode.window.showTextDocument(greetOf(api));
    await statusBarShows(/opencode \(api\)/, "the status bar does not name the active editor's folder");
    await vscode.commands.executeCommand("opencode.openChatInEditor", web.uri);
    await waitUntil(async () => (await chats()).some(c => c.focused && c.folder === web.name), 15_000, "the chat editor did not open on web");
    await waitUntil(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview, 10_000, "the chat tab is not in front");
    assert.equal(vscode.window.activeTextEditor, undefined, "a text editor is still active");
    await statusBarShows(/opencode \(web\)/, "the status bar does not name the chat tab's folder");
    await vscode.window.showTextDocument(greetOf(api));
    await statusBarShows(/opencode \(api\)/, "the status bar did not go back to the editor's folder");
  });
});
