// The session commands in the real extension host with real opencode and the fake model, each run
// through its command with a SessionRef as the Sessions view and the chat's picker pass one.
// Delete and Share ask in a modal first, and a bare id in this multi-root window asks for the folder:
// those wait for a person (the e2e tier clicks them).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";
import { text } from "../../fakes/fakeModel";
import type { SessionRef } from "../../../src/sessions/sessionRef";

type Chat = { folder?: string; sessionID?: string; focused: boolean; status?: string };
const chats = () => vscode.commands.executeCommand<Chat[]>("opencode.test.chats");
const focused = async () => (await chats()).find(c => c.focused);
const chatText = () => vscode.commands.executeCommand<string>("opencode.test.chatText").then(t => t, () => "");
const send = (t: string) => vscode.commands.executeCommand("opencode.test.chatSend", t);
const run = <T>(name: string, arg?: unknown) => vscode.commands.executeCommand<T | undefined>(`opencode.sessions.${name}`, arg);
const extension = () => vscode.extensions.getExtension("opencode-community.opencode-vscode")!;

describe("session actions through their commands (real opencode)", function () {
  this.timeout(90_000);
  let env: Awaited<ReturnType<typeof sharedHermetic>>;
  let folder: vscode.WorkspaceFolder;
  let ref: SessionRef;

  before(async () => {
    env = await sharedHermetic();
    await extension().activate();
    await vscode.commands.executeCommand("opencode.openChat");
    await waitUntil(async () => (await focused())?.folder !== undefined, 15_000, "the chat view did not open on a folder");
    await vscode.commands.executeCommand("opencode.newSession");
    env.model.script(text("Session actions answer ✓"));
    await send("Prompt for the session actions");
    await waitUntil(async () => (await chatText()).includes("Session actions answer ✓"), 30_000, "the answer never showed")
      .catch(async err => { throw new Error(`${(err as Error).message}; the chat shows ${JSON.stringify((await chatText()).slice(-600))}; chats ${JSON.stringify(await chats())}`); });
    await waitUntil(async () => (await focused())?.status === "idle", 15_000, "the turn did not end");
    const c = (await focused())!;
    folder = vscode.workspace.workspaceFolders!.find(f => f.name === c.folder)!;
    ref = { folder, sessionID: c.sessionID!, title: "Prompt for the session actions" };
  });
  after(() => vscode.commands.executeCommand("workbench.action.closeAllEditors"));

  it("registers every command and puts them in the Sessions view's item menu", async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const menu = (extension().packageJSON.contributes.menus["view/item/context"] as { command: string; when: string }[]).filter(m => m.command.startsWith("opencode.sessions."));
    for (const name of ["delete", "fork", "share", "unshare", "export", "copyId", "compact"]) {
      const id = `opencode.sessions.${name}`;
      assert.ok(registered.has(id), `${id} is not registered`);
      const entry = menu.find(m => m.command === id);
      assert.ok(entry?.when.startsWith("view == opencode.sessions && viewItem =~ /^opencode\\.session/"), `${id} is not in the view's item menu`);
    }
    assert.ok(registered.has("opencode.sessions.openById"));
    assert.match(menu.find(m => m.command === "opencode.sessions.share")!.when, /opencode\.sessions\.shareEnabled/);
  });

  it("Export as Markdown: an untitled markdown document with the prompt and the answer", async () => {
    const doc = await run<vscode.TextDocument>("export", ref);
    assert.ok(doc, "no document");
    assert.equal(doc.languageId, "markdown");
    assert.equal(doc.isUntitled, true);
    const md = doc.getText();
    assert.match(md, new RegExp(`- Session: \`${ref.sessionID}\``));
    assert.match(md, /## User · .*\n\nPrompt for the session actions\n/);
    assert.match(md, /## Assistant \(build · [^)]+\) · .*\n\nSession actions answer ✓/);
  });

  it("Copy Session ID puts <folder path>#<id> on the clipboard; Open Session by ID takes it", async () => {
    const handle = await run<string>("copyId", ref);
    assert.equal(handle, `${folder.uri.fsPath}#${ref.sessionID}`);
    assert.equal(await vscode.env.clipboard.readText(), handle);
    await vscode.commands.executeCommand("opencode.newSession");
    await waitUntil(async () => (await focused())?.sessionID !== ref.sessionID, 10_000, "the chat kept the session");
    const opened = await vscode.commands.executeCommand<SessionRef>("opencode.sessions.openById", handle);
    assert.equal(opened?.sessionID, ref.sessionID);
    await waitUntil(async () => (await chats()).some(c => c.sessionID === ref.sessionID), 10_000, "no chat shows the session");
  });

  it("Open Session by ID: an unknown id is reported by name (404), a malformed one never reaches the server", async () => {
    const logDir = await vscode.commands.executeCommand<string>("opencode.test.logDir");
    const logs = () => (fs.existsSync(logDir) ? fs.readdirSync(logDir).map(f => fs.readFileSync(path.join(logDir, f), "utf8")).join("\n") : "");
    assert.equal(await vscode.commands.executeCommand("opencode.sessions.openById", `${folder.uri.fsPath}#ses_doesNotExist123`), undefined);
    await waitUntil(() => logs().includes("has no session ses_doesNotExist123: it was deleted, or it belongs to another folder"), 15_000, "the 404 was not reported");
    assert.equal(await vscode.commands.executeCommand("opencode.sessions.openById", "ses_../../x"), undefined);
    await waitUntil(() => logs().includes("A session id starts with ses_"), 15_000, "the malformed id was not reported");
  });

  it("Fork: a copy titled \"<title> (fork #1)\" opens in the chat that showed the original", async () => {
    await vscode.commands.executeCommand("opencode.sessions.openById", `${folder.uri.fsPath}#${ref.sessionID}`);
    await waitUntil(async () => (await chats()).some(c => c.sessionID === ref.sessionID), 10_000, "no chat shows the session");
    const fork = await run<SessionRef>("fork", ref);
    assert.ok(fork && fork.sessionID !== ref.sessionID);
    // The title is the one the fake model gave the original (its title request), then " (fork #1)".
    assert.equal(fork.title, "Scripted title (fork #1)");
    await waitUntil(async () => (await chats()).some(c => c.sessionID === fork.sessionID), 10_000, "the fork is not shown");
    const md = (await run<vscode.TextDocument>("export", fork))!.getText();
    assert.match(md, /Session actions answer ✓/, "the fork has the messages");
  });

  it("Compact: the summary request reaches the model and the command ends with the summary turn", async () => {
    const asked = env.model.requests.length;
    env.model.script(text("## Goal\nsummarised ✓"));
    await run("compact", ref);
    assert.ok(env.model.requests.slice(asked).some(r => JSON.stringify(r.body.messages).includes("Keep every section, even when empty")), "no summary request");
    const md = (await run<vscode.TextDocument>("export", ref))!.getText();
    assert.match(md, /## Compaction requested · /);
    assert.match(md, /## Assistant \(compaction · [^)]+\) · .*\n\n## Goal\nsummarised ✓/);
  });
});
