// Permission asks and questions in the real extension host against real opencode and the fake
// model: the native picker is driven with VS Code's own quick-input commands (what the arrow keys
// and Enter run), the proposed diff is read from the diff editor VS Code opened, and the file on
// disk and the model's next request show what opencode did with the answer.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";
import { text, tools } from "../../fakes/fakeModel";

type Chat = { folder?: string; sessionID?: string; focused: boolean; status?: string };
type Asks = { pending: { id: string; kind: string; sessionID: string }[]; showing?: string };
const chats = () => vscode.commands.executeCommand<Chat[]>("opencode.test.chats");
const focused = async () => (await chats()).find(c => c.focused);
const asks = () => vscode.commands.executeCommand<Asks>("opencode.test.asks");
const statusBar = () => vscode.commands.executeCommand<{ text: string }>("opencode.test.statusBar");
const chatText = () => vscode.commands.executeCommand<string>("opencode.test.chatText").then(t => t, () => "");
const send = (prompt: string) => vscode.commands.executeCommand("opencode.test.chatSend", prompt);
const run = (command: string) => vscode.commands.executeCommand(command);

/** The diff editor an edit ask opened: the file (or an empty side) against the proposed content. */
function proposedDiffTab(): vscode.TabInputTextDiff | undefined {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs).map(t => t.input)
    .find((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.modified.scheme === "opencode-diff" && i.modified.path.includes("/proposed/"));
}

/** Waits for a picker on a pending ask of `kind` (other than `not`, an ask still being answered). */
async function pickerFor(kind: string, not?: string): Promise<string> {
  await waitUntil(async () => { const a = await asks(); return a.showing !== undefined && a.showing !== not && a.pending.some(p => p.id === a.showing && p.kind === kind); }, 30_000, `no ${kind} picker showed`);
  return (await asks()).showing!;
}

/** Moves the picker's selection down `n` items and accepts it, as ↓ and Enter would. */
async function choose(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await run("workbench.action.quickOpenSelectNext");
  await run("workbench.action.acceptSelectedQuickOpenItem");
}

const modelSaw = (env: { model: { requests: { isTitleRequest: boolean; body: { messages?: unknown } }[] } }, s: string) =>
  env.model.requests.filter(r => !r.isTitleRequest).some(r => JSON.stringify(r.body.messages).includes(s));

describe("permission asks and questions with real opencode", function () {
  this.timeout(120_000);
  let env: Awaited<ReturnType<typeof sharedHermetic>>;
  let folder: vscode.WorkspaceFolder;
  const created: string[] = [];

  before(async () => {
    env = await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    folder = vscode.workspace.workspaceFolders![0];
    // Edits ask (opencode's default allows them); applied at the next start of the server.
    await vscode.workspace.getConfiguration("opencode").update("permissions", { edit: "ask" }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("opencode.openChat");
    await waitUntil(async () => (await focused())?.folder === folder.name, 15_000, "the chat view did not open on the first folder");
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
    await vscode.commands.executeCommand("opencode.newSession");
  });
  after(async () => {
    // The next suites start from an empty conversation, as a user's new session would.
    await vscode.commands.executeCommand("opencode.newSession");
    await vscode.workspace.getConfiguration("opencode").update("permissions", undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
    for (const f of created) fs.rmSync(f, { force: true });
  });
  beforeEach(() => env.model.reset());

  it("an edit ask shows the proposed change beside a picker; Allow once writes the file and closes the diff", async () => {
    const target = path.join(folder.uri.fsPath, "ask-target.txt");
    created.push(target);
    fs.writeFileSync(target, "first line\nold line\n");
    env.model.script(tools({ name: "write", args: { filePath: target, content: "first line\nnew line\n" } }), text("Rewritten ✓"));
    await send("Rewrite ask-target.txt");
    await pickerFor("permission");
    const diff = proposedDiffTab();
    assert.ok(diff, "no diff editor for the proposed change");
    assert.equal(diff.original.fsPath, target, "the left side is the file itself");
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(), "first line\nnew line\n");
    assert.match((await statusBar()).text, /needs approval/);
    assert.equal(fs.readFileSync(target, "utf8"), "first line\nold line\n", "nothing written before the answer");
    // Show Diff is active when the picker opens (it decides nothing); Show in Chat; then Allow once.
    await choose(2);
    await waitUntil(() => fs.readFileSync(target, "utf8") === "first line\nnew line\n", 30_000, "the file was not written");
    await waitUntil(async () => (await chatText()).includes("Rewritten ✓"), 30_000, "the turn did not finish");
    await waitUntil(() => proposedDiffTab() === undefined, 10_000, "the diff stayed open after the decision");
    assert.doesNotMatch((await statusBar()).text, /approval/);
  });

  it("Escape leaves the ask pending (status bar, panel); Reject with feedback from the panel reaches the agent", async () => {
    const target = path.join(folder.uri.fsPath, "ask-new.txt");
    created.push(target);
    env.model.script(tools({ name: "write", args: { filePath: target, content: "hello\n" } }), text("Understood, not writing ✓"));
    await send("Create ask-new.txt");
    const id = await pickerFor("permission");
    const diff = proposedDiffTab();
    assert.ok(diff, "a new file is diffed against an empty side");
    assert.equal((await vscode.workspace.openTextDocument(diff.original)).getText(), "");
    await run("workbench.action.closeQuickOpen");
    await waitUntil(async () => (await asks()).showing === undefined, 10_000, "the picker did not close");
    assert.ok((await asks()).pending.some(p => p.id === id), "Escape must not answer the ask");
    assert.match((await statusBar()).text, /needs approval/);
    const inPanel = await vscode.commands.executeCommand<{ id: string; kind: string; title: string }[]>("opencode.test.panelAsks");
    assert.deepEqual(inPanel.map(a => [a.id, a.kind, a.title]), [[id, "permission", "Edit ask-new.txt"]]);
    await waitUntil(async () => (await chatText()).includes("opencode asks: Edit ask-new.txt"), 10_000, "the panel does not show the ask");
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "permission", id, reply: "reject", message: "Do not create files today" });
    await waitUntil(async () => (await chatText()).includes("Understood, not writing ✓"), 30_000, "the agent did not continue after the feedback");
    assert.ok(modelSaw(env, "Do not create files today"), "the model never got the feedback");
    assert.equal(fs.existsSync(target), false, "a rejected write wrote the file");
    await waitUntil(() => proposedDiffTab() === undefined, 10_000, "the diff stayed open after the panel answered");
    assert.deepEqual((await asks()).pending, []);
  });

  it("answered in the panel while its picker is open: the picker and the diff close, and the ask is answered once", async () => {
    const target = path.join(folder.uri.fsPath, "ask-race.txt");
    created.push(target);
    env.model.script(tools({ name: "write", args: { filePath: target, content: "race\n" } }), text("Race settled ✓"));
    await send("Create ask-race.txt");
    const id = await pickerFor("permission");
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "permission", id, reply: "once" });
    await waitUntil(async () => (await asks()).showing === undefined, 10_000, "the picker stayed open after the panel answered");
    await waitUntil(() => proposedDiffTab() === undefined, 10_000, "the diff stayed open");
    await waitUntil(async () => (await chatText()).includes("Race settled ✓"), 30_000, "the turn did not finish");
    assert.equal(fs.readFileSync(target, "utf8"), "race\n");
    // A second answer for the same id (a late click in the panel) sends nothing and changes nothing.
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "permission", id, reply: "reject" });
    assert.deepEqual((await asks()).pending, []);
  });

  it("a question becomes a picker; the chosen option reaches the agent", async () => {
    env.model.script(
      tools({ name: "question", args: { questions: [{ header: "Colour", question: "Which colour should the button be?", options: [{ label: "Blue", description: "calm" }, { label: "Green", description: "go" }] }] } }),
      text("Going with your colour ✓"),
    );
    await send("Ask me which colour to use");
    await pickerFor("question");
    await choose(1); // Blue is active when it opens; ↓ to Green
    await waitUntil(async () => (await chatText()).includes("Going with your colour ✓"), 30_000, "the turn did not continue after the answer");
    // opencode's tool result reads `"<question>"="<answer>"` (JSON-escaped in the request body).
    assert.ok(modelSaw(env, '=\\"Green\\"'), "the model never got the answer");
    assert.equal(modelSaw(env, '=\\"Blue\\"'), false, "the option active when the picker opened was sent");
  });

  it("auto-approve edits for this session allows its edits without asking, until turned off", async () => {
    const target = path.join(folder.uri.fsPath, "ask-auto.txt");
    created.push(target);
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "autoApprove", on: true });
    env.model.script(tools({ name: "write", args: { filePath: target, content: "auto\n" } }), text("Auto-approved ✓"));
    await send("Create ask-auto.txt");
    // Had it asked, the turn would wait for an answer that never comes.
    await waitUntil(async () => (await chatText()).includes("Auto-approved ✓"), 30_000, "the turn waited for an approval");
    assert.equal(fs.readFileSync(target, "utf8"), "auto\n");
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "autoApprove", on: false });
    env.model.script(tools({ name: "write", args: { filePath: target, content: "again\n" } }), text("Asked again ✓"));
    await send("Change ask-auto.txt");
    await pickerFor("permission");
    await choose(2);
    await waitUntil(async () => (await chatText()).includes("Asked again ✓"), 30_000, "the turn did not finish");
    // The card of the auto-approved write says so; the asked one shows nothing new (the switch's own label is capitalised).
    await waitUntil(async () => (await chatText()).split("auto-approve edits").length === 2, 10_000, `the cards do not say auto-approve once: ${await chatText()}`);
  });

  it("an edit of a file with unsaved changes: Save, and the agent redoes its edit on the saved text", async () => {
    const target = path.join(folder.uri.fsPath, "ask-dirty.txt");
    created.push(target);
    fs.writeFileSync(target, "one\n");
    // The prompt goes out with the file unsaved (else the save-before-prompt check would save it first).
    await vscode.workspace.getConfiguration("opencode").update("saveBeforePrompt", "never", vscode.ConfigurationTarget.Global);
    // The buffer must stay unsaved until the user's choice: an auto-save on a slow machine would turn
    // the ask into a plain one (seen in CI: "Allow once" went through and no redo ask came).
    await vscode.workspace.getConfiguration("files").update("autoSave", "off", vscode.ConfigurationTarget.Global);
    const doc = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(doc, { preview: false });
    const typing = new vscode.WorkspaceEdit();
    typing.insert(doc.uri, new vscode.Position(0, 0), "mine\n");
    await vscode.workspace.applyEdit(typing);
    assert.ok(doc.isDirty);
    const edit = tools({ name: "edit", args: { filePath: target, oldString: "one", newString: "ONE" } });
    env.model.script(edit, edit, text("Edited your saved version ✓"));
    await send("Uppercase one in ask-dirty.txt");
    await vscode.workspace.getConfiguration("opencode").update("saveBeforePrompt", undefined, vscode.ConfigurationTarget.Global);
    // The edit above counts as the user typing: an ask arriving within moments waits in a
    // notification instead of taking the keyboard. Its Review… action runs this command.
    await waitUntil(async () => (await asks()).pending.length > 0, 30_000, "no ask came");
    // Under load the picker may also be pushed aside (that leaves the ask pending): reopen it as the
    // status bar would, until it is on screen.
    await waitUntil(async () => { if ((await asks()).showing === undefined) await vscode.commands.executeCommand("opencode.showPendingAsks"); return (await asks()).showing !== undefined; }, 30_000, "no permission picker showed");
    const first = await pickerFor("permission");
    await choose(2); // Allow once → the unsaved-changes picker, whose first item saves and has the agent redo it
    await waitUntil(async () => { await run("workbench.action.acceptSelectedQuickOpenItem"); return !doc.isDirty; }, 15_000, "the unsaved-changes choice never saved the file");
    // opencode computed its edit before asking: that one is rejected, and the agent is told to redo it.
    await pickerFor("permission", first);
    assert.ok(modelSaw(env, "has saved them now"), "the agent was not told to redo the edit");
    assert.equal(fs.readFileSync(target, "utf8"), "mine\none\n", "the saved text was overwritten before the redo");
    await choose(2);
    await waitUntil(async () => (await chatText()).includes("Edited your saved version ✓"), 30_000, "the turn did not finish");
    assert.equal(fs.readFileSync(target, "utf8"), "mine\nONE\n", "the agent's edit landed on the saved text, the user's line kept");
    await run("workbench.action.closeActiveEditor");
    await vscode.workspace.getConfiguration("files").update("autoSave", undefined, vscode.ConfigurationTarget.Global);
  });

  it("with opencode.saveBeforePrompt = always, unsaved files of the folder are saved before the prompt goes out", async () => {
    const target = path.join(folder.uri.fsPath, "ask-save-first.txt");
    created.push(target);
    fs.writeFileSync(target, "before\n");
    await vscode.workspace.getConfiguration("opencode").update("saveBeforePrompt", "always", vscode.ConfigurationTarget.Global);
    try {
      const doc = await vscode.workspace.openTextDocument(target);
      const typing = new vscode.WorkspaceEdit();
      typing.insert(doc.uri, new vscode.Position(0, 0), "typed\n");
      await vscode.workspace.applyEdit(typing);
      assert.ok(doc.isDirty);
      env.model.script(text("Saw the saved file ✓"));
      await send("Read ask-save-first.txt");
      await waitUntil(async () => (await chatText()).includes("Saw the saved file ✓"), 30_000, "the prompt did not go out");
      assert.equal(doc.isDirty, false);
      assert.equal(fs.readFileSync(target, "utf8"), "typed\nbefore\n");
    } finally {
      await vscode.workspace.getConfiguration("opencode").update("saveBeforePrompt", undefined, vscode.ConfigurationTarget.Global);
    }
  });

  // Last: the saved approval allows every edit in this folder for the rest of the run.
  it("“Always allow in this folder (saved)” is re-injected after a server restart: the same edit no longer asks", async () => {
    const first = path.join(folder.uri.fsPath, "ask-saved-1.txt"), second = path.join(folder.uri.fsPath, "ask-saved-2.txt");
    created.push(first, second);
    env.model.script(tools({ name: "write", args: { filePath: first, content: "one\n" } }), text("First saved ✓"));
    await send("Create ask-saved-1.txt");
    await pickerFor("permission");
    await choose(4); // Show Diff, Show in Chat, Allow once, Always allow, Always allow in this folder (saved)
    await waitUntil(async () => (await chatText()).includes("First saved ✓"), 30_000, "the turn did not finish");
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
    env.model.script(tools({ name: "write", args: { filePath: second, content: "two\n" } }), text("Second without asking ✓"));
    await send("Create ask-saved-2.txt");
    await waitUntil(async () => (await chatText()).includes("Second without asking ✓"), 30_000, "the restarted server asked again");
    assert.equal(fs.readFileSync(second, "utf8"), "two\n");
    await waitUntil(async () => (await chatText()).includes("saved approval: "), 10_000, "the card does not name the saved approval");
  });

  it("a tool call an opencode.permissions rule allowed names that rule in its card", async () => {
    await vscode.workspace.getConfiguration("opencode").update("permissions", { edit: "ask", bash: { "*": "ask", "echo why*": "allow" } }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
    env.model.script(tools({ name: "bash", args: { command: "echo why-ran", description: "Say why" } }), text("Rule allowed ✓"));
    await send("Run echo why-ran");
    await waitUntil(async () => (await chatText()).includes("Rule allowed ✓"), 30_000, "the rule did not allow the command");
    await waitUntil(async () => (await chatText()).includes(`bash: "echo why*" → allow (opencode.permissions)`), 10_000, `the card does not name the rule: ${await chatText()}`);
  });
});
