// Removing a workspace folder takes everything of that folder with it: its pending asks expire
// (they leave the window's queue and the status bar), its runs end as interrupted, its files leave
// the edit review, and its server stops. Before, the asks stayed in the queue and the count, and the
// run stayed "running" forever.
// Last of the trusted files (it removes the second folder); it puts the folder back at the end.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { groupMembers, waitUntil } from "../../real/helpers/processes";
import { runProtocolPaths, text, tools } from "../../fakes/fakeModel";

type Chat = { folder?: string; sessionID?: string; focused: boolean };
type Asks = { pending: { id: string; kind: string; sessionID: string }[]; showing?: string };
type RunRecord = { sessionID: string; title: string; folderName?: string; report: { state: string; summary?: string } };
type ServerInfo = { folder: string; kind: string; pid?: number };
const chats = () => vscode.commands.executeCommand<Chat[]>("opencode.test.chats");
const asks = () => vscode.commands.executeCommand<Asks>("opencode.test.asks");
const runs = () => vscode.commands.executeCommand<RunRecord[]>("opencode.test.runs");
const servers = () => vscode.commands.executeCommand<ServerInfo[]>("opencode.test.serverStates");
const review = () => vscode.commands.executeCommand<{ path: string }[]>("opencode.test.review");
const statusBar = () => vscode.commands.executeCommand<{ text: string }>("opencode.test.statusBar");

describe("removing a workspace folder ends what it had going", function () {
  this.timeout(120_000);
  let env: Awaited<ReturnType<typeof sharedHermetic>>;
  let web: vscode.WorkspaceFolder;
  const written = () => path.join(web.uri.fsPath, "port.txt");
  /** Ends the run's held model reply (whatever is left of the run by then). */
  let release = () => {};

  before(async () => {
    env = await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    web = vscode.workspace.workspaceFolders![1];
  });
  after(async () => {
    release();
    env.model.reset();
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    fs.rmSync(written(), { force: true });
    // Put the folder back, so the window has its two folders again.
    if (!vscode.workspace.workspaceFolders?.some(f => f.uri.toString() === web.uri.toString())) {
      const back = new Promise<void>(ok => { const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => { sub.dispose(); ok(); }); });
      assert.ok(vscode.workspace.updateWorkspaceFolders(1, 0, { uri: web.uri, name: web.name }), "the folder could not be added back");
      await back;
    }
  });

  it("its asks expire, its run ends as interrupted, its files leave the review, its server stops", async () => {
    const held = new Promise<void>(ok => { release = ok; });
    let runAsked = false;
    // The run's turn: a reply that stays open until the test ends, so the run is still going.
    env.model.handle(req => {
      if (!runProtocolPaths(req)) return undefined;
      runAsked = true;
      return { kind: "text", chunks: ["Reading greet.ts", " (never finished)"], until: held };
    });
    // The chat's turns, in order: one writes a file (it goes under review), the next asks a question.
    env.model.script(
      tools({ name: "write", args: { filePath: written(), content: "port = 3000\n" } }), text("Port file written ✓"),
      tools({ name: "question", args: { questions: [{ header: "Port", question: "Which port should web use?", options: [{ label: "3000", description: "dev" }, { label: "8080", description: "prod" }] }] } }),
      text("(over)"),
    );

    await vscode.commands.executeCommand("opencode.openChatInEditor", web.uri);
    await waitUntil(async () => (await chats()).some(c => c.focused && c.folder === web.name), 15_000, "the chat editor did not open on web");
    await vscode.commands.executeCommand("opencode.newSession");
    await vscode.commands.executeCommand("opencode.test.chatSend", "Write the port file");
    await waitUntil(async () => (await review()).some(r => r.path === written()), 30_000, "the written file did not reach the review");
    await vscode.commands.executeCommand("opencode.test.chatSend", "Ask me which port to use");
    await waitUntil(async () => (await asks()).pending.some(a => a.kind === "question"), 30_000, "no question came");
    const sessionID = (await chats()).find(c => c.focused)?.sessionID;
    const ask = (await asks()).pending.find(a => a.kind === "question")!;
    assert.equal(ask.sessionID, sessionID, "the question is the web chat's");
    assert.match((await statusBar()).text, /needs approval/);

    const before = (await runs()).length;
    await vscode.commands.executeCommand("opencode.explainFile", vscode.Uri.joinPath(web.uri, "src", "greet.ts"));
    await waitUntil(async () => (await runs()).length > before && runAsked, 30_000, "the run did not reach the model");
    const run = (await runs())[0];
    assert.deepEqual([run.title, run.folderName, run.report.state], ["Explain src/greet.ts", web.name, "running"]);
    const pid = (await servers()).find(s => s.folder === web.name)?.pid;
    assert.ok(pid, `web's server is not running: ${JSON.stringify(await servers())}`);

    const removed = new Promise<void>(ok => { const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => { sub.dispose(); ok(); }); });
    assert.ok(vscode.workspace.updateWorkspaceFolders(1, 1), "the folder could not be removed");
    await removed;
    assert.deepEqual(vscode.workspace.workspaceFolders?.map(f => f.name), ["api"]);

    /** Everything the folder left behind, listed so a failure says all of it. */
    const leftovers = async (): Promise<string[]> => {
      const left: string[] = [];
      const a = await asks();
      if (a.pending.some(p => p.sessionID === sessionID)) left.push(`its ask is pending: ${JSON.stringify(a.pending)}`);
      const bar = (await statusBar()).text;
      if (/need(s)? approval/.test(bar)) left.push(`the status bar says ${JSON.stringify(bar)}`);
      if ((await review()).some(r => r.path === written())) left.push("its file is under review");
      const state = (await runs()).find(r => r.sessionID === run.sessionID)?.report.state;
      if (state !== "interrupted") left.push(`the run is ${state}`);
      const server = (await servers()).find(s => s.folder === web.name);
      if (server) left.push(`its server is listed: ${JSON.stringify(server)}`);
      if (groupMembers(pid).length) left.push(`its server's processes live: ${groupMembers(pid).join(",")}`);
      return left;
    };
    try {
      await waitUntil(async () => (await leftovers()).length === 0, 30_000, "the removed folder lives on");
    } catch (err) {
      throw new Error(`${(err as Error).message}: ${(await leftovers()).join("; ")}`);
    }
  });
});
