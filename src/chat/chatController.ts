import * as vscode from "vscode";
import { Disposable, type Disposer } from "../common/lifecycle";
import type { Action } from "../protocol/reducer";
import { actionForSession } from "../protocol/sessionOf";
import { findSession } from "../protocol/state";
import type { FolderSession } from "../conversation/folderSession";
import { isTestMessage, parseWebviewMessage, type HostMessage, type SavedState, type SessionView } from "../shared/messages";
import { Pager } from "../shared/paging";
import { panelInfo, type PanelContext } from "./panelInfo";
import type { Chat, ChatDeps, ChatSurface } from "./chatContext";
import { handleMessage } from "./chatActions";
import { errorText } from "../common/errorText";
import { followSelect, outgoing, taken, type Outgoing } from "./outgoing";

/** Host → webview updates are batched per frame: a streamed reply is hundreds of deltas a second. */
const frameMs = 16;

/**
 * Drives one chat webview (the sidebar view or an editor panel): which folder and session it
 * shows, a full state on every `ready`, then the folder's reducer actions for that session only,
 * batched per frame, and older messages when the webview asks (a long session is paged, see
 * src/shared/paging.ts). Holds no conversation state: the folder's FolderSession does.
 */
export class ChatController extends Disposable implements Chat {
  #folder: vscode.WorkspaceFolder | undefined;
  #sessionID: string | undefined;
  #session: FolderSession | undefined;
  #folderSubs: Disposer[] = [];
  #viewHold: Disposer | undefined;
  #startError: unknown;
  #batch: Action[] = [];
  #fullPending = false;
  /** Whether the last full state carried the session in view (else actions have nothing to apply to). */
  #viewSent = false;
  /**
   * Whether the session in view has its messages here (loaded since it was selected, or held from
   * before). Until then a `state` says `loading`, so a webview showing its saved conversation after
   * a reload keeps it instead of an empty one.
   */
  #loaded = false;
  #panelPending = false;
  #outgoing: Outgoing | undefined;
  readonly #pager = new Pager();
  #timer: NodeJS.Timeout | undefined;
  #textRequests = new Map<string, (text: string) => void>();
  #seq = 0;

  constructor(readonly surface: ChatSurface, readonly deps: ChatDeps) {
    super();
    this.register(surface.webview.onDidReceiveMessage(raw => void this.receive(raw)));
    this.register(deps.pool.onDidChange(() => this.#schedule("panel")));
    this.register(deps.asks.onDidChange(() => this.#schedule("panel")));
    this.register(deps.review.onDidChange(() => this.#schedule("panel")));
    this.register(deps.models.onDidChange(f => f.uri.toString() === this.#folder?.uri.toString() && this.#schedule("panel")));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.#onFoldersChanged()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.#folder && this.#attach(this.#folder)));
    this.register({ dispose: () => { this.#detach(); clearTimeout(this.#timer); } });
  }

  get folder(): vscode.WorkspaceFolder | undefined { return this.#folder; }
  get sessionID(): string | undefined { return this.#sessionID; }
  get folderSession(): FolderSession | undefined { return this.#session; }
  get startError(): unknown { return this.#startError; }

  /** Shows `sessionID` of `folder` (undefined: a new conversation, created on the first prompt). */
  select(folder: vscode.WorkspaceFolder | undefined, sessionID: string | undefined): void {
    if (folder?.uri.toString() !== this.#folder?.uri.toString()) {
      this.#folder = folder;
      this.#outgoing = undefined;
      if (folder) this.#attach(folder); else this.#detach();
    }
    this.#viewHold?.dispose();
    this.#viewHold = undefined;
    this.#sessionID = sessionID;
    this.#loaded = (this.#viewed()?.messages.length ?? 0) > 0;
    if (this.#outgoing) this.#outgoing = followSelect(this.#outgoing, sessionID, this.#viewed());
    if (folder) void this.deps.memory.setLastSession(folder, sessionID);
    if (sessionID && this.#session) this.#viewHold = this.#session.view(sessionID);
    this.#schedule("full");
    this.deps.onDidFocus(this);
  }

  /** Shows `text` as being sent until opencode records it (or the turn fails first); undefined: shows none. */
  setOutgoing(text: string | undefined): void {
    this.#outgoing = text === undefined ? undefined : outgoing(text, this.#sessionID, this.#viewed());
    this.#schedule("panel");
  }

  post(m: HostMessage): void {
    if (isTestMessage(m.type) && !this.deps.testHooks) return this.deps.log.warn(`chat: not sending ${m.type} without test hooks`);
    void this.surface.webview.postMessage(m);
  }

  /** Test hook: the rendered text of the live webview, as its own DOM reports it. */
  requestText(timeoutMs = 10_000): Promise<string> {
    if (!this.deps.testHooks) return Promise.reject(new Error("test hooks are off"));
    const requestId = `text-${++this.#seq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.#textRequests.delete(requestId); reject(new Error("the webview did not answer")); }, timeoutMs);
      this.#textRequests.set(requestId, text => { clearTimeout(timer); this.#textRequests.delete(requestId); resolve(text); });
      this.post({ type: "test.getText", requestId });
    });
  }

  /**
   * A message from the webview: validated (anything may arrive there), then handled. Resolves once
   * it was handled; a failure is logged, never thrown.
   */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw, this.deps.testHooks);
    if (!parsed.ok) return void this.deps.log.warn(`dropped a webview message: ${parsed.why}`);
    const m = parsed.message;
    this.deps.onDidFocus(this);
    if (m.type === "ready") return this.#ready(m.restore);
    if (m.type === "test.text") return this.#textRequests.get(m.requestId)?.(m.text);
    if (m.type === "history") {
      // Answered with the next flush, after the actions already batched: those are older than the answer.
      if (m.sessionID === this.#sessionID) { this.#pager.ask(m.before); this.#schedule("actions"); }
      return;
    }
    await handleMessage(this, m).catch(err => this.deps.log.error(`chat: ${m.type} failed`, err));
  }

  #ready(restore: SavedState | undefined): void {
    // Events are per server process: a panel being shown again catches up on work done elsewhere.
    if (this.#folder && this.#session && this.deps.pool.stateOf(this.#folder).kind === "running") {
      void this.#session.refresh().catch(err => this.deps.log.warn(`chat: refresh failed: ${err}`));
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = folders.find(f => f.uri.fsPath === restore?.folder) ?? this.#folder ?? activeFolder() ?? folders[0];
    const restored = folder && restore?.folder === folder.uri.fsPath ? restore.sessionID : undefined;
    const sessionID = restored ?? (folder ? this.deps.memory.lastSession(folder) : undefined);
    if (folder?.uri.toString() === this.#folder?.uri.toString() && sessionID === this.#sessionID) return this.#schedule("full");
    this.select(folder, sessionID);
  }

  /** Subscribes to the folder's model and starts its server: opening a chat is the first use. */
  #attach(folder: vscode.WorkspaceFolder): void {
    this.#detach();
    this.#startError = undefined;
    if (!vscode.workspace.isTrusted) return;
    const session = this.deps.pool.session(folder);
    this.#session = session;
    this.#folderSubs = [
      session.onDidChange(a => this.#onAction(a)),
      session.held.onDidChange(id => id === this.#sessionID && this.#schedule("panel")),
      session.stream.onDidChangeState(() => this.#schedule("panel")),
    ];
    this.deps.pool.start(folder).then(() => this.#schedule("panel"), err => {
      this.#startError = err;
      this.deps.log.warn(`chat: the server for ${folder.name} did not start: ${errorText(err)}`);
      this.#schedule("panel");
    });
    if (this.#sessionID) this.#viewHold = session.view(this.#sessionID);
  }

  #detach(): void {
    this.#folderSubs.forEach(d => d.dispose());
    this.#folderSubs = [];
    this.#viewHold?.dispose();
    this.#viewHold = undefined;
    this.#session = undefined;
  }

  #onAction(action: Action): void {
    if (!this.#sessionID) return;
    const own = actionForSession(action, this.#sessionID);
    if (!own) return;
    if (this.#outgoing && taken(this.#outgoing, this.#viewed(), own)) { this.#outgoing = undefined; this.#schedule("panel"); }
    if (own.kind === "event" && own.event.type === "session.deleted") return this.select(this.#folder, undefined);
    // Loaded, or known to be gone (a reconnect's sweep lists the sessions before it reads the
    // pending asks, and the session is not among them): the webview gets the whole session once.
    if (!this.#loaded && (own.kind === "messages" || (own.kind === "pending" && !this.#viewed()?.info))) {
      this.#loaded = true;
      return this.#schedule("full");
    }
    // The webview was told this session did not exist yet (a first prompt creates it): it has
    // nothing to apply actions to, so it gets the whole session once.
    if (!this.#viewSent) return this.#schedule("full");
    if (own.kind === "sessions" || (own.kind === "event" && own.event.type === "session.updated")) this.#schedule("panel");
    const out = this.#pager.action(own, this.#viewed());
    if (out === "state") return this.#schedule("full");
    if (!out) return;
    // Copied now: the reducer keeps the event's objects and later deltas grow them in place.
    this.#batch.push(structuredClone(out));
    this.#schedule("actions");
  }

  #schedule(what: "full" | "panel" | "actions"): void {
    if (what === "full") this.#fullPending = true;
    if (what === "panel") this.#panelPending = true;
    this.#timer ??= setTimeout(() => this.#flush(), frameMs);
  }

  #flush(): void {
    this.#timer = undefined;
    if (this.isDisposed) return;
    // While a reply streams only actions go out: the panel (settings reads, the title) is built
    // when something scheduled it.
    const panel = this.#fullPending || this.#panelPending ? panelInfo(this.#context()) : undefined;
    if (panel) this.surface.setTitle?.(this.#viewed()?.info?.title || "opencode");
    if (this.#fullPending) {
      const view = this.#view();
      this.#viewSent = view !== undefined;
      const loading = this.#sessionID && !this.#loaded ? this.#sessionID : undefined;
      this.post(loading ? { type: "state", panel: panel!, view, loading } : { type: "state", panel: panel!, view });
    } else {
      if (panel) this.post({ type: "panel", panel });
      if (this.#batch.length && this.#sessionID) this.post({ type: "actions", sessionID: this.#sessionID, actions: this.#batch });
      const history = this.#sessionID ? this.#pager.history(this.#sessionID, this.#viewed()) : undefined;
      if (history) this.post(history);
    }
    this.#fullPending = this.#panelPending = false;
    this.#batch = [];
  }

  #viewed() {
    return this.#session && this.#sessionID ? findSession(this.#session.state, this.#sessionID) : undefined;
  }

  #view(): SessionView | undefined {
    const session = this.#viewed();
    if (!session || !this.#sessionID) return undefined;
    return this.#pager.view(this.#sessionID, session);
  }

  #context(): PanelContext {
    return { folder: this.#folder, session: this.#session, sessionID: this.#sessionID, loading: !this.#loaded, outgoing: this.#outgoing?.text, startError: this.#startError, pool: this.deps.pool, memory: this.deps.memory, asks: this.deps.asks, review: this.deps.review, models: this.deps.models };
  }

  #onFoldersChanged(): void {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (this.#folder && !folders.some(f => f.uri.toString() === this.#folder!.uri.toString())) this.select(folders[0], undefined);
    else this.#schedule("panel");
  }
}

function activeFolder(): vscode.WorkspaceFolder | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && vscode.workspace.getWorkspaceFolder(uri);
}
