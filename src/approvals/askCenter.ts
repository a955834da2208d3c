import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { Emitter } from "../common/emitter";
import type { GrantStore } from "../server/grants";
import type { Ask } from "../conversation/asks";
import type { FolderSession } from "../conversation/folderSession";
import type { ServerPool } from "../workspace/serverPool";
import type { FolderScope } from "../workspace/folderScope";
import type { PanelAsk } from "../shared/messages";
import { describePermission, panelPermission, panelQuestion } from "./askText";
import { findSession } from "../protocol/state";
import type { Log } from "../host/log";
import type { DiffDocuments } from "../host/diffDocuments";
import type { ReportError } from "../host/errors";
import { read, Settings } from "../host/config";
import { Attention } from "./attention";
import { pickPermission, type PermissionChoice } from "./permissionPicker";
import { pickQuestion, type QuestionChoice } from "./questionPicker";
import { ProposedDiff } from "./proposedDiff";
import { confirmUnsavedTarget } from "./unsaved";
import { warnOnDirtyWrite } from "./dirtyWrites";
import { folderRules } from "./whyRan";
import { WhyRanBook } from "../conversation/whyRanBook";
import { findGitRoot } from "../runs/engine/gitExclude";

type Entry = { folder: vscode.WorkspaceFolder; session: FolderSession; ask: Ask };

type AskCenterDeps = {
  pool: ServerPool;
  grants: GrantStore;
  docs: DiffDocuments;
  reportError: ReportError;
  log: Log;
  /** Shows the session in a chat panel ("Show in Chat"). */
  showInChat(folder: vscode.WorkspaceFolder, sessionID: string): void;
  /** True when a visible chat panel shows the session (then it needs no notification). */
  isShown(folder: vscode.WorkspaceFolder, sessionID: string): boolean;
  /** Notified with the number of pending asks, for the status bar. */
  onPendingCount(count: number): void;
};

const key = (folder: vscode.WorkspaceFolder, id: string) => `${folder.uri.toString()}\u0000${id}`;

/**
 * The window's permission gate: every folder's pending asks in one queue, in arrival order, shown
 * one native picker at a time (and inline in the chat panels, which answer through here too).
 * Each ask is answered at most once (PendingAsks.claim), whoever answers first.
 */
export class AskCenter extends Disposable {
  readonly #queue: Entry[] = [];
  #current: { entry: Entry; cancel: Emitter<void>; shown?: boolean } | undefined;
  /** The user left the picker without a choice: wait for them (status bar, panel, a new ask). */
  #paused = false;
  readonly #autoApprove = new Set<string>();
  readonly #whyRan = new WhyRanBook();
  readonly #attention = this.register(new Attention());
  readonly #changed = this.register(new Emitter<void>());
  /** Asks were added or settled, or auto-approve changed: panels rebuild their ask list. */
  readonly onDidChange = this.#changed.event;

  constructor(private readonly deps: AskCenterDeps) {
    super();
    for (const { scope, session } of deps.pool.entries()) if (session) this.#track(scope, session);
    this.register(deps.pool.onDidCreateSession(({ scope, session }) => this.#track(scope, session)));
  }

  get pending(): readonly Entry[] { return this.#queue; }

  /** The ask whose picker is on screen now, if any (tests wait for it before driving the picker). */
  get showing(): string | undefined { return this.#current?.shown ? this.#current.entry.ask.ask.id : undefined; }

  /** Pending asks of `sessionID` and its sub-agent sessions, for the panel showing it. */
  panelAsks(folder: vscode.WorkspaceFolder, sessionID: string): PanelAsk[] {
    return this.#queue.filter(e => e.folder.uri.toString() === folder.uri.toString() && this.#within(e, sessionID))
      .map(e => (e.ask.kind === "permission" ? panelPermission(e.ask.ask, folder.uri.fsPath) : panelQuestion(e.ask.ask)));
  }

  /** Why the session's (and its sub-agents') tool calls of this window ran without asking, by call id. */
  whyRan(folder: vscode.WorkspaceFolder, sessionID: string, state: FolderSession["state"]): Record<string, string> {
    const children = Object.values(state.sessions).filter(s => s.info?.parentID === sessionID).map(s => s.id);
    return this.#whyRan.labels(folder.uri.toString(), [sessionID, ...children]);
  }

  isAutoApproving(folder: vscode.WorkspaceFolder, sessionID: string): boolean { return this.#autoApprove.has(key(folder, sessionID)); }

  setAutoApprove(folder: vscode.WorkspaceFolder, sessionID: string, on: boolean): void {
    if (on) this.#autoApprove.add(key(folder, sessionID)); else this.#autoApprove.delete(key(folder, sessionID));
    this.deps.log.info(`[${folder.name}] auto-approve edits ${on ? "on" : "off"} for ${sessionID}`);
    // Turning it on approves the edits already waiting in that session, as if they arrived now.
    if (on) for (const e of [...this.#queue]) if (this.#autoApproves(e)) void this.#answerPermission(e, { reply: "once" }, "auto-approve");
    this.#changed.fire();
  }

  /** "opencode: Show Pending Approvals", the status bar and the panel's "Open in picker". */
  reopen(id?: string): void {
    const at = id ? this.#queue.findIndex(e => e.ask.ask.id === id) : -1;
    if (at > 0) this.#queue.unshift(...this.#queue.splice(at, 1));
    this.#paused = false;
    if (!this.#queue.length) return void vscode.window.showInformationMessage("opencode: nothing is waiting for approval.");
    this.#present();
  }

  /** An answer from a chat panel. */
  async answerFromPanel(folder: vscode.WorkspaceFolder, id: string, answer: PermissionChoice | QuestionChoice): Promise<void> {
    const entry = this.#queue[this.#find(folder, id)];
    if (!entry) return;
    if (entry.ask.kind === "permission" && "reply" in answer) await this.#answerPermission(entry, answer, "panel");
    else if (entry.ask.kind === "question" && !("reply" in answer)) await this.#answerQuestion(entry, answer);
  }

  showDiff(folder: vscode.WorkspaceFolder, id: string): void {
    const entry = this.#queue[this.#find(folder, id)];
    if (entry?.ask.kind === "permission") void ProposedDiff.open(this.deps.docs, entry.ask.ask, folder, this.deps.log);
  }

  /** Everything here about the folder lives in its scope and goes with it. */
  #track(scope: FolderScope, session: FolderSession): void {
    const folder = scope.folder;
    scope.register(session.asks.onDidAdd(ask => this.#added({ folder, session, ask })));
    scope.register(session.asks.onDidSettle(({ id, reason }) => this.#settled(folder, id, reason)));
    scope.register(session.onDidChange(action => warnOnDirtyWrite(action, folder, this.deps.docs)));
    // The only gate is a run's own-folder policy, which answers "once" by itself.
    scope.register(session.asks.onDidGate(ask => this.#whyRan.saw(folder.uri.toString(), ask.ask.tool?.callID, "runPolicy")));
    // Edit rules' paths are relative to the git root, or to "/" outside a repository.
    let root = "/";
    void findGitRoot(folder.uri.fsPath).then(r => { root = r ?? "/"; }, () => undefined);
    scope.register(session.onDidChange(action => {
      if (this.#whyRan.onAction(folder.uri.toString(), root, action, () => folderRules(folder, this.deps.grants))) this.#changed.fire();
    }));
    scope.onWillEnd(why => this.#dropFolder(folder, why));
    for (const ask of session.asks.all()) this.#added({ folder, session, ask });
  }

  /** The folder went (removed from the workspace, or the window closes): its asks expire unanswered. */
  #dropFolder(folder: vscode.WorkspaceFolder, why: string): void {
    const gone = this.#queue.filter(e => e.folder.uri.toString() === folder.uri.toString());
    for (const e of gone) {
      this.#queue.splice(this.#queue.indexOf(e), 1);
      if (this.#current?.entry === e) this.#current.cancel.fire();
      this.deps.log.info(`[${folder.name}] ask ${e.ask.ask.id} expired: ${why}`);
    }
    for (const k of [...this.#autoApprove]) if (k.startsWith(`${folder.uri.toString()}\u0000`)) this.#autoApprove.delete(k);
    this.#whyRan.drop(folder.uri.toString());
    if (!gone.length || this.isDisposed) return;
    this.#changed.fire();
    this.deps.onPendingCount(this.#queue.length);
    void vscode.window.showWarningMessage(`opencode: ${gone.length === 1 ? "an ask" : `${gone.length} asks`} of "${folder.name}" expired (${why}); nothing was approved.`);
  }

  #added(entry: Entry): void {
    if (this.#queue.some(e => e.session === entry.session && e.ask.ask.id === entry.ask.ask.id)) return;
    this.#queue.push(entry);
    const auto = this.#autoApproves(entry);
    this.#whyRan.saw(entry.folder.uri.toString(), entry.ask.ask.tool?.callID, auto ? "autoApprove" : "user");
    if (auto) return void this.#answerPermission(entry, { reply: "once" }, "auto-approve");
    this.#changed.fire();
    this.deps.onPendingCount(this.#queue.length);
    this.#notifyIfAway(entry);
    this.#paused = false; // a new ask brings the queue back (oldest first)
    this.#present();
  }

  #settled(folder: vscode.WorkspaceFolder, id: string, reason: string): void {
    const at = this.#find(folder, id);
    if (at < 0) return;
    const [entry] = this.#queue.splice(at, 1);
    this.deps.log.info(`[${folder.name}] ask ${id} settled: ${reason}`);
    if (reason === "expired") void vscode.window.showWarningMessage(`opencode: the ask "${this.#title(entry)}" expired (its server stopped); nothing was approved.`);
    if (this.#current?.entry === entry) this.#current.cancel.fire();
    this.#changed.fire();
    this.deps.onPendingCount(this.#queue.length);
  }

  #present(): void {
    if (this.#current || this.#paused || this.isDisposed) return;
    const entry = this.#queue[0];
    if (!entry) return;
    if (this.#attention.typing) {
      // Someone typing would send keystrokes into the picker: ask in a corner instead.
      this.#paused = true;
      void vscode.window.showInformationMessage(`opencode asks: ${this.#title(entry)} (${this.#context(entry)})`, "Review…")
        .then(choice => choice && this.reopen(entry.ask.ask.id));
      return;
    }
    void this.#show(entry).catch(err => this.deps.log.error("showing an ask failed", err));
  }

  async #show(entry: Entry): Promise<void> {
    const cancel = new Emitter<void>();
    const current: { entry: Entry; cancel: Emitter<void>; shown: boolean } = (this.#current = { entry, cancel, shown: false });
    const onShown = () => { current.shown = true; };
    const position = this.#queue.length > 1 ? ` (1 of ${this.#queue.length})` : "";
    const context = `${this.#context(entry)}${position}`;
    let diff: ProposedDiff | undefined;
    try {
      if (entry.ask.kind === "permission") {
        const ask = entry.ask.ask;
        const text = describePermission(ask, entry.folder.uri.fsPath);
        if (text.diff) diff = await ProposedDiff.open(this.deps.docs, ask, entry.folder, this.deps.log);
        const choice = await pickPermission({
          ask, text, context, cancel: cancel.event, onShown,
          showDiff: text.diff ? () => void diff?.show() : undefined,
          showInChat: () => this.deps.showInChat(entry.folder, ask.sessionID),
        });
        if (choice) await this.#answerPermission(entry, choice, "picker");
        else if (this.#queue.includes(entry)) this.#paused = true;
      } else {
        const choice = await pickQuestion(entry.ask.ask, context, cancel.event, onShown);
        if (choice) await this.#answerQuestion(entry, choice);
        else if (this.#queue.includes(entry)) this.#paused = true;
      }
    } finally {
      await diff?.close();
      cancel.dispose();
      this.#current = undefined;
    }
    this.#present();
  }

  async #answerPermission(entry: Entry, choice: PermissionChoice, via: string): Promise<void> {
    const ask = entry.ask.kind === "permission" ? entry.ask.ask : undefined;
    if (!ask) return;
    let reply = choice;
    if (reply.reply !== "reject" && via !== "auto-approve") {
      const unsaved = await confirmUnsavedTarget(ask, entry.folder);
      if (unsaved.kind === "cancel") return;
      if (unsaved.kind === "reject") reply = { reply: "reject", message: unsaved.message };
    }
    const wire = reply.reply === "save" ? "always" : reply.reply;
    const message = reply.reply === "reject" ? reply.message : undefined;
    try {
      const outcome = await entry.session.client.replyPermission(ask.id, wire, message);
      this.deps.log.info(`[${entry.folder.name}] ${ask.permission} ask ${ask.id}: ${reply.reply}${message ? " with feedback" : ""} (${via}) → ${outcome}`);
      if (outcome !== "sent") return;
      const grant = { permission: ask.permission, patterns: ask.always };
      if (reply.reply === "always") this.deps.grants.add(entry.folder.uri.fsPath, grant);
      if (reply.reply === "save") await this.deps.grants.save(entry.folder.uri.fsPath, grant);
    } catch (err) {
      void this.deps.reportError(err, `[${entry.folder.name}] answering ask ${ask.id}`, { doing: `answering “${this.#title(entry)}”`, after: "It is still pending." });
    }
  }

  async #answerQuestion(entry: Entry, choice: QuestionChoice): Promise<void> {
    const client = entry.session.client, id = entry.ask.ask.id;
    try {
      const outcome = "reject" in choice ? await client.rejectQuestion(id) : await client.replyQuestion(id, choice.answers);
      this.deps.log.info(`[${entry.folder.name}] question ${id}: ${"reject" in choice ? "dismissed" : "answered"} → ${outcome}`);
    } catch (err) {
      void this.deps.reportError(err, `[${entry.folder.name}] answering question ${id}`, { doing: "answering the question", after: "It is still pending." });
    }
  }

  /** Not looking: the window is in the background, or no visible panel shows the session. */
  #notifyIfAway(entry: Entry): void {
    if (!read(Settings.notifyApprovals, entry.folder.uri)) return;
    if (this.#attention.windowFocused && this.deps.isShown(entry.folder, entry.ask.ask.sessionID)) return;
    const actions = entry.ask.kind === "permission" ? ["Allow once", "Reject", "Review…"] : ["Review…"];
    void vscode.window.showInformationMessage(`opencode asks: ${this.#title(entry)} (${this.#context(entry)})`, ...actions).then(choice => {
      if (choice === "Review…") this.reopen(entry.ask.ask.id);
      else if (choice === "Allow once") void this.#answerPermission(entry, { reply: "once" }, "notification");
      else if (choice === "Reject") void this.#answerPermission(entry, { reply: "reject" }, "notification");
    });
  }

  /** Auto-approve covers edit asks of the session it was turned on in and of its sub-agents. */
  #autoApproves(entry: Entry): boolean {
    if (entry.ask.kind !== "permission" || entry.ask.ask.permission !== "edit") return false;
    return this.#lineage(entry).some(id => this.#autoApprove.has(key(entry.folder, id)));
  }

  /** The ask's session is `sessionID` or one of its sub-agent sessions. */
  #within(entry: Entry, sessionID: string): boolean { return this.#lineage(entry).includes(sessionID); }

  /** The ask's session, its parent, and so on up (bounded: session data comes from the server). */
  #lineage(entry: Entry): string[] {
    const ids: string[] = [];
    for (let id: string | undefined = entry.ask.ask.sessionID; id && ids.length < 20; id = findSession(entry.session.state, id)?.info?.parentID) ids.push(id);
    return ids;
  }

  #find(folder: vscode.WorkspaceFolder, id: string): number {
    return this.#queue.findIndex(e => e.folder.uri.toString() === folder.uri.toString() && e.ask.ask.id === id);
  }

  #title(entry: Entry): string {
    return entry.ask.kind === "permission" ? describePermission(entry.ask.ask, entry.folder.uri.fsPath).title : entry.ask.ask.questions[0]?.header || "a question";
  }

  #context(entry: Entry): string {
    const title = findSession(entry.session.state, entry.ask.ask.sessionID)?.info?.title || "a session";
    const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return `“${title}”${multi ? ` in ${entry.folder.name}` : ""}`;
  }
}
