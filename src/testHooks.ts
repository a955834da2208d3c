import * as vscode from "vscode";
import type { ChatHub } from "./chat/chatHub";
import type { AskCenter } from "./approvals/askCenter";
import type { EditReview } from "./review/editReview";
import type { Runs } from "./runs/runs";
import type { Lazy } from "./common/lazy";
import type { ServerPool } from "./workspace/serverPool";
import type { ServerStatusBar } from "./workspace/statusBar";
import type { DiffDocuments } from "./host/diffDocuments";
import type { SettingProblems } from "./host/settingProblems";

/**
 * Read-only views into the live extension for the integration tests, which cannot see a webview's
 * DOM or the status bar otherwise. Registered only when OPENCODE_VSCODE_TEST=1.
 */
export function registerTestHooks(o: {
  pool: ServerPool; statusBar: ServerStatusBar; chat: () => ChatHub; asks: Lazy<AskCenter>; review: Lazy<EditReview>; runs: Lazy<Runs>;
  /** The Run Task input on screen, if any (it has no VS Code command to type into it). */
  runInput: () => { type(value: string): void } | undefined; docs: DiffDocuments; activationMs: number;
  /** The Manage Providers picker or input on screen, if any. */
  providerInput: () => { title: string; active?: string; type(value: string): void } | undefined;
  /** The extension's log folder: its "opencode" output channel is written there, as users' logs are. */
  logDir: string;
  settingProblems: SettingProblems;
}): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand("opencode.test.activationMs", () => o.activationMs),
    vscode.commands.registerCommand("opencode.test.logDir", () => o.logDir),
    vscode.commands.registerCommand("opencode.test.chatText", () => {
      const c = o.chat().focused();
      return c ? c.requestText() : Promise.reject(new Error("no chat is open"));
    }),
    // Through the same validated path as the panel's composer.
    vscode.commands.registerCommand("opencode.test.chatSend", (text: string, files?: { path: string }[]) => {
      const c = o.chat().focused();
      return c ? c.receive({ type: "send", text, ...(files ? { files } : {}) }) : Promise.reject(new Error("no chat is open"));
    }),
    vscode.commands.registerCommand("opencode.test.chats", () => o.chat().controllers().map(c => ({
      folder: c.folder?.name, sessionID: c.sessionID, focused: o.chat().focused() === c,
      status: c.sessionID ? c.folderSession?.state.sessions[c.sessionID]?.status.type : undefined,
    }))),
    vscode.commands.registerCommand("opencode.test.serverStates", () => o.pool.entries().map(({ folder, server, session }) => {
      const s = server.state;
      return { folder: folder.name, kind: s.kind, pid: s.kind === "running" ? s.pid : undefined, baseUrl: s.kind === "running" ? s.endpoint.baseUrl : undefined,
        connection: session?.connection.kind };
    })),
    // Not read-only: a panel's answer as if clicked in the webview (validated like one), and a
    // server restart without the folder picker, so a test can apply changed settings.
    vscode.commands.registerCommand("opencode.test.chatPost", (message: unknown) => o.chat().focused()?.receive(message)),
    vscode.commands.registerCommand("opencode.test.restartServer", async (folderName: string) => {
      const folder = vscode.workspace.workspaceFolders?.find(f => f.name === folderName);
      if (folder) await o.pool.get(folder).restart();
    }),
    vscode.commands.registerCommand("opencode.test.stopServer", async (folderName: string) => {
      const folder = vscode.workspace.workspaceFolders?.find(f => f.name === folderName);
      if (folder) await o.pool.get(folder).stop("stopped by a test");
    }),
    vscode.commands.registerCommand("opencode.test.asks", () => ({
      pending: o.asks.peek()?.pending.map(e => ({ id: e.ask.ask.id, kind: e.ask.kind, sessionID: e.ask.ask.sessionID })) ?? [],
      showing: o.asks.peek()?.showing,
    })),
    vscode.commands.registerCommand("opencode.test.typeInRunInput", (value: string) => {
      if (!o.runs() || !o.runInput()) return false;
      o.runInput()!.type(value);
      return true;
    }),
    // Types into the Manage Providers input on screen; its title and highlighted item, or undefined when none shows.
    vscode.commands.registerCommand("opencode.test.typeInProviderInput", (value?: string) => {
      const input = o.providerInput();
      if (input && value !== undefined) input.type(value);
      return input && { title: input.title, active: input.active };
    }),
    // `afterReload`: first forget the run's baselines held in memory, as a window reload does.
    vscode.commands.registerCommand("opencode.test.openRunChange", (sessionID: string, file: string, afterReload = false) => {
      const entry = o.runs().manager.find(sessionID);
      if (afterReload) o.review().forget(sessionID);
      return entry && o.runs().openChange({ kind: "changed", entry, file });
    }),
    vscode.commands.registerCommand("opencode.test.runs", () => o.runs.peek()?.manager.entries.map(e => ({ ...e.record, folderName: e.folder?.name })) ?? []),
    vscode.commands.registerCommand("opencode.test.review", async () => {
      const review = o.review.peek();
      await review?.refreshed();
      return review?.files().map(f => ({
        path: f.uri.fsPath, sessionID: f.sessionID, hunks: f.hunks.map(h => ({ line: h.line, lines: h.lines, baseLines: h.baseLines })),
        decorated: review.decorations.applied(f.uri),
      })) ?? [];
    }),
    vscode.commands.registerCommand("opencode.test.panelAsks", () => {
      const c = o.chat().focused();
      return c?.folder && c.sessionID ? o.asks().panelAsks(c.folder, c.sessionID) : [];
    }),
    // The tool parts of the focused chat's session: what a tool card's buttons name in their messages.
    vscode.commands.registerCommand("opencode.test.toolParts", () => {
      const c = o.chat().focused();
      const session = c?.sessionID ? c.folderSession?.state.sessions[c.sessionID] : undefined;
      return session?.messages.flatMap(m => m.parts.flatMap(p => p.type === "tool" ? [{ messageID: m.info.id, partID: p.id, tool: p.tool, status: p.state.status }] : [])) ?? [];
    }),
    // How many virtual diff documents hold text: each should go once its diff's last tab closes.
    vscode.commands.registerCommand("opencode.test.diffDocuments", () => o.docs.size),
    vscode.commands.registerCommand("opencode.test.settingProblems", () => o.settingProblems.shown),
    vscode.commands.registerCommand("opencode.test.statusBar", () => ({ text: o.statusBar.item.text, tooltip: (o.statusBar.item.tooltip as vscode.MarkdownString | undefined)?.value })),
  ];
}
