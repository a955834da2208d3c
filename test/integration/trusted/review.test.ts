// Reviewing the agent's edits in the real extension host against real opencode and the fake model,
// with edits allowed (no ask): the changed ranges are decorated, each change and each file has
// Keep / Undo lenses (read with VS Code's own executeCodeLensProvider and run as a click would), and
// Undo puts back exactly the text before the turn while the user's unsaved typing elsewhere stays.
// First outside git (baselines from the edit calls' diffs), then in a repository (opencode's
// snapshot diff of the turn).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";
import { text, tools } from "../../fakes/fakeModel";

type Reviewed = { path: string; sessionID: string; hunks: { line: number; lines: number; baseLines: number }[]; decorated?: { added: number[]; removed: number[] } };
type Chat = { folder?: string; focused: boolean };
const reviewed = async (file: string) => (await vscode.commands.executeCommand<Reviewed[]>("opencode.test.review")).find(r => r.path === file);
const chatText = () => vscode.commands.executeCommand<string>("opencode.test.chatText").then(t => t, () => "");
const send = (prompt: string) => vscode.commands.executeCommand("opencode.test.chatSend", prompt);
const lenses = (uri: vscode.Uri) => vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri);
/** Waits for the file's review to satisfy `check`; a failure says what the review holds. */
async function waitForReview(file: string, check: (r: Reviewed | undefined) => boolean, what: string, ms = 30_000): Promise<void> {
  try {
    await waitUntil(async () => check(await reviewed(file)), ms, what);
  } catch (err) {
    throw new Error(`${(err as Error).message}; the review holds ${JSON.stringify(await reviewed(file))}`);
  }
}
/** Runs a lens's command as clicking it would. */
const click = (lens: vscode.CodeLens) => vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));

const lines = (...l: string[]) => l.map(x => `${x}\n`).join("");
/** Twelve lines; the agent changes three separate regions: the first line, the middle, the last line. */
const original = lines("// first", "export const a = 1;", "", "export function two() {", "  return 2;", "}", "", "export function three() {", "  return 3;", "}", "", "// last");
const edits = [
  { oldString: "// first\n", newString: "// FIRST (opencode)\n" },
  { oldString: "  return 2;\n", newString: "  const x = 2;\n  return x;\n" },
  { oldString: "// last\n", newString: "// LAST (opencode)\n" },
];
const edited = edits.reduce((t, e) => t.replace(e.oldString, e.newString), original);

describe("reviewing the agent's edits with real opencode (Keep / Undo)", function () {
  this.timeout(120_000);
  let env: Awaited<ReturnType<typeof sharedHermetic>>;
  let folder: vscode.WorkspaceFolder;
  const created: string[] = [];

  async function turn(prompt: string, done: string): Promise<void> {
    await send(prompt);
    await waitUntil(async () => (await chatText()).includes(done), 60_000, `the turn "${prompt}" did not finish`);
  }
  async function restartInNewSession(): Promise<void> {
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
    await vscode.commands.executeCommand("opencode.newSession");
  }

  before(async () => {
    env = await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    folder = vscode.workspace.workspaceFolders![0];
    await vscode.workspace.getConfiguration("opencode").update("permissions", { edit: "allow" }, vscode.ConfigurationTarget.Global);
    // VS Code in a browser (code-server) saves after a delay by default; the user's typing here stays unsaved, as on desktop.
    await vscode.workspace.getConfiguration("files").update("autoSave", "off", vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("opencode.openChat");
    await waitUntil(async () => (await vscode.commands.executeCommand<Chat[]>("opencode.test.chats")).some(c => c.focused && c.folder === folder.name), 15_000, "the chat view did not open on the first folder");
    await restartInNewSession();
    // Earlier suites' turns left changes under review: kept, so the palette's Undo All here touches this file only.
    await vscode.commands.executeCommand("opencode.keepAll");
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    fs.rmSync(path.join(folder.uri.fsPath, ".git"), { recursive: true, force: true });
    for (const f of created) fs.rmSync(f, { force: true });
    await vscode.workspace.getConfiguration("opencode").update("permissions", undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration("files").update("autoSave", undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
  });
  beforeEach(() => env.model.reset());

  it("outside git: three edits are decorated with lenses; Undo of one keeps the others and the user's unsaved typing; Undo All restores the file", async () => {
    const file = path.join(folder.uri.fsPath, "review-edits.ts");
    created.push(file);
    fs.writeFileSync(file, original);
    env.model.script(...edits.map(e => tools({ name: "edit", args: { filePath: file, ...e } })), text("Three edits done ✓"));
    await turn("Edit review-edits.ts in three places", "Three edits done ✓");
    assert.equal(fs.readFileSync(file, "utf8"), edited);
    await waitForReview(file, r => r?.hunks.length === 3, "the file did not come under review with three changes", 15_000);

    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitForReview(file, r => r?.decorated !== undefined, "the editor got no decorations");
    // The added or rewritten lines: line 0, the two lines of the middle change, the last line.
    assert.deepEqual((await reviewed(file))!.decorated, { added: [0, 4, 5, 12], removed: [] });
    const titles = (await lenses(uri)).map(l => l.command?.title ?? "");
    assert.equal(titles.filter(t => t.includes("Keep File")).length, 1, titles.join(" | "));
    assert.equal(titles.filter(t => t.endsWith(" Undo")).length, 3, titles.join(" | "));

    // The user types, without saving, between the second and the third change.
    const mine = new vscode.WorkspaceEdit();
    mine.replace(uri, doc.lineAt(doc.getText().split("\n").indexOf("  return 3;")).range, "  return 3; // mine, unsaved");
    assert.ok(await vscode.workspace.applyEdit(mine));
    assert.ok(doc.isDirty);
    const withMine = edited.replace("  return 3;", "  return 3; // mine, unsaved");
    // Still three changes: the user's line is theirs, not one of the agent's.
    await waitForReview(file, r => doc.getText() === withMine && r?.hunks.length === 3, "the user's edit became a change to review");

    const undoMiddle = (await lenses(uri)).find(l => l.command?.title.endsWith(" Undo") && l.range.start.line === 4);
    assert.ok(undoMiddle, "no Undo lens on the middle change");
    await click(undoMiddle);
    assert.equal(doc.getText(), withMine.replace("  const x = 2;\n  return x;\n", "  return 2;\n"), "only the middle change was put back");
    assert.ok(doc.isDirty, "a buffer with the user's unsaved typing stays unsaved");
    assert.equal(fs.readFileSync(file, "utf8"), edited);
    await waitForReview(file, r => r?.hunks.length === 2, "the undone change is still under review");

    await vscode.commands.executeCommand("opencode.undoAll");
    assert.equal(doc.getText(), original.replace("  return 3;", "  return 3; // mine, unsaved"), "Undo All restores the file before the turn, the user's typing aside");
    await waitForReview(file, r => r === undefined, "the file is still under review");
    assert.deepEqual(await lenses(uri), []);
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });

  it("in a git repository: a rewrite's baseline comes from opencode's snapshot; Review Changes, Keep one change, the panel's bar and Undo All", async () => {
    execFileSync("git", ["init", "-q", folder.uri.fsPath]);
    await restartInNewSession(); // opencode looks for the repository when it opens the folder
    const file = path.join(folder.uri.fsPath, "review-rewrite.ts");
    created.push(file);
    fs.writeFileSync(file, original);
    env.model.script(tools({ name: "write", args: { filePath: file, content: edited } }), text("Rewritten ✓"));
    await turn("Rewrite review-rewrite.ts", "Rewritten ✓");
    await waitForReview(file, r => r?.hunks.length === 3, "the rewritten file did not come under review with three changes", 20_000);

    await vscode.commands.executeCommand("opencode.reviewChanges");
    const tabs = () => vscode.window.tabGroups.all.flatMap(g => g.tabs).map(t => t.label);
    await waitUntil(() => tabs().some(t => t.startsWith("opencode: changes to review")), 10_000, "Review Changes opened no multi-file diff").catch(err => {
      throw new Error(`${err.message}; tabs: ${JSON.stringify(tabs())}`);
    });

    const uri = vscode.Uri.file(file);
    const keepFirst = (await lenses(uri)).find(l => l.command?.title.endsWith(" Keep") && l.range.start.line === 0);
    assert.ok(keepFirst, "no Keep lens on the first change");
    await waitUntil(async () => (await chatText()).includes("opencode changed 1 file (3 changes)"), 10_000, "the panel shows no review bar");
    await click(keepFirst);
    assert.equal((await reviewed(file))?.hunks.length, 2);
    await waitUntil(async () => (await chatText()).includes("opencode changed 1 file (2 changes)"), 10_000, "the panel's count did not follow the Keep");
    // The panel's Undo All (this session's files). No unsaved typing here: Undo saves, so the disk (which opencode reads) is back too.
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "undoAll" });
    await waitForReview(file, r => r === undefined, "the file is still under review");
    const kept = original.replace("// first\n", "// FIRST (opencode)\n");
    await waitUntil(() => fs.readFileSync(file, "utf8") === kept, 10_000, "the undone file was not saved");
    await waitUntil(async () => !(await chatText()).includes("opencode changed"), 10_000, "the review bar stayed");
  });

  it("in a git repository: reverting the turn takes its changes out of review; unreverting brings them back", async () => {
    // opencode reverts from its snapshots, which it takes in a git repository only (the test before made one).
    if (!fs.existsSync(path.join(folder.uri.fsPath, ".git"))) {
      execFileSync("git", ["init", "-q", folder.uri.fsPath]);
      await restartInNewSession();
    }
    const file = path.join(folder.uri.fsPath, "review-revert.ts");
    created.push(file);
    fs.writeFileSync(file, original);
    env.model.script(tools({ name: "write", args: { filePath: file, content: edited } }), text("Rewritten for revert ✓"));
    await turn("Rewrite review-revert.ts", "Rewritten for revert ✓");
    await waitForReview(file, r => r?.hunks.length === 3, "the rewritten file did not come under review with three changes", 20_000);
    const parts = await vscode.commands.executeCommand<{ messageID: string; tool: string }[]>("opencode.test.toolParts");
    const write = parts.filter(p => p.tool === "write").at(-1);
    assert.ok(write, "no write call in the session");

    // The chat's per-message revert: opencode puts the file back from its snapshot.
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "messageAction", action: "revert", messageID: write.messageID });
    await waitUntil(() => fs.readFileSync(file, "utf8") === original, 10_000, "the revert did not restore the file");
    await waitForReview(file, r => r === undefined, "the reverted file still offers its changes to Keep / Undo");

    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "messageAction", action: "unrevert", messageID: write.messageID });
    await waitUntil(() => fs.readFileSync(file, "utf8") === edited, 10_000, "the unrevert did not bring the agent's text back");
    await waitForReview(file, r => r?.hunks.length === 3, "the unreverted file's changes are not under review again");
    await vscode.commands.executeCommand("opencode.keepAll");
  });

  it("in a git repository, the file open in an editor: revert and unrevert reload the buffer and the review follows", async () => {
    // opencode reverts from its snapshots, which it takes in a git repository only (the test before made one).
    if (!fs.existsSync(path.join(folder.uri.fsPath, ".git"))) {
      execFileSync("git", ["init", "-q", folder.uri.fsPath]);
      await restartInNewSession();
    }
    const file = path.join(folder.uri.fsPath, "review-revert-open.ts");
    created.push(file);
    fs.writeFileSync(file, original);
    env.model.script(tools({ name: "write", args: { filePath: file, content: edited } }), text("Rewritten, open ✓"));
    await turn("Rewrite review-revert-open.ts", "Rewritten, open ✓");
    await waitForReview(file, r => r?.hunks.length === 3, "the rewritten file did not come under review with three changes", 20_000);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const parts = await vscode.commands.executeCommand<{ messageID: string; tool: string }[]>("opencode.test.toolParts");
    const write = parts.filter(p => p.tool === "write").at(-1);
    assert.ok(write, "no write call in the session");

    // The chat's per-message revert: opencode puts the file back from its snapshot.
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "messageAction", action: "revert", messageID: write.messageID });
    await waitUntil(() => fs.readFileSync(file, "utf8") === original, 10_000, "the revert did not restore the file");
    // VS Code reloads the buffer from disk some time after the revert's update arrives.
    await waitForReview(file, r => doc.getText() === original && r === undefined, "the reverted buffer still offers its changes to Keep / Undo");

    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "messageAction", action: "unrevert", messageID: write.messageID });
    await waitUntil(() => fs.readFileSync(file, "utf8") === edited, 10_000, "the unrevert did not bring the agent's text back");
    await waitForReview(file, r => doc.getText() === edited && r?.hunks.length === 3 && r.decorated !== undefined, "the unreverted buffer's changes are not under review again");
    await vscode.commands.executeCommand("opencode.keepAll");
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });
});
