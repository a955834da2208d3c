// The Sessions view in the real extension host with real opencode, in the multi-root window: each
// folder's sessions under that folder, and opening and renaming a session through the view's commands.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";

type Ref = { folder: vscode.WorkspaceFolder; sessionID: string; title?: string };
type Row = { label: string; description?: string; contextValue?: string; collapsible: boolean; ref?: Ref };
type Chat = { folder?: string; sessionID?: string; focused: boolean };
const rows = () => vscode.commands.executeCommand<Row[][]>("opencode.test.sessionRows");
const chats = () => vscode.commands.executeCommand<Chat[]>("opencode.test.chats");
const create = (folder: vscode.WorkspaceFolder, title: string) => vscode.commands.executeCommand<string>("opencode.test.sessionsCreate", folder, title);

describe("Sessions view with real opencode", function () {
  this.timeout(120_000);
  let folders: readonly vscode.WorkspaceFolder[];
  const tag = Date.now().toString(36);

  before(async () => {
    await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    folders = vscode.workspace.workspaceFolders!;
    assert.ok(folders.length >= 2, "the trusted suite runs in a multi-root window");
  });
  after(() => vscode.commands.executeCommand("workbench.action.closeAllEditors"));

  it("shows each folder's sessions under that folder, and open and rename work from a row", async () => {
    for (const f of folders.slice(0, 2)) await vscode.commands.executeCommand("opencode.sessions.startServer", f);
    const [a, b] = [`first ${tag}`, `second ${tag}`];
    const [idA, idB] = [await create(folders[0], a), await create(folders[1], b)];
    const find = async (group: number, label: string) => (await rows())[group]?.find(r => r.label === label);
    await waitUntil(async () => !!await find(0, a) && !!await find(1, b), 20_000, "the sessions never showed in their folders");
    assert.equal(await find(0, b), undefined, "the second folder's session is not under the first");
    assert.equal(await find(1, a), undefined, "the first folder's session is not under the second");
    const row = (await find(0, a))!;
    assert.equal(row.contextValue, "opencode.session");
    assert.equal(row.description, "just now");
    assert.equal(row.ref?.sessionID, idA);
    assert.equal((await find(1, b))!.ref?.sessionID, idB);

    await vscode.commands.executeCommand("opencode.sessions.open", row.ref);
    await waitUntil(async () => (await chats()).some(c => c.folder === folders[0].name && c.sessionID === idA), 20_000, "no chat shows the opened session");

    const renamed = `renamed ${tag}`;
    await vscode.commands.executeCommand("opencode.test.sessionsRenameAnswering", row.ref, renamed);
    await waitUntil(async () => (await find(0, renamed))?.ref?.sessionID === idA, 20_000, "the view never showed the new title");
    assert.equal(await find(0, a), undefined);

    const before = (await chats()).length;
    await vscode.commands.executeCommand("opencode.sessions.openInEditor", (await find(1, b))!.ref);
    await waitUntil(async () => (await chats()).length === before + 1 && (await chats()).some(c => c.folder === folders[1].name && c.sessionID === idB), 20_000, "no editor tab shows the session");
  });

  it("searches titles on the server and clears the search", async () => {
    await vscode.commands.executeCommand("opencode.test.sessionsSearch", `second ${tag}`);
    try {
      const groups = await rows();
      assert.deepEqual(groups[1].map(r => r.label), [`second ${tag}`]);
      assert.deepEqual(groups[0].map(r => r.label), [`No session title contains "second ${tag}"`]);
    } finally {
      await vscode.commands.executeCommand("opencode.test.sessionsSearch", "");
    }
    assert.ok((await rows())[0].some(r => r.label === `renamed ${tag}`));
  });
});
