import * as path from "node:path";
import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import type { SavedState } from "../shared/messages";
import type { ServerPool } from "../workspace/serverPool";
import type { FrontFolder } from "../workspace/frontFolder";
import type { Log } from "../host/log";
import type { DiffDocuments } from "../host/diffDocuments";
import type { ReportError } from "../host/errors";
import type { FolderMemory } from "../host/folderMemory";
import { chatPanelType, chatViewId } from "../host/viewIds";
import { ChatController } from "./chatController";
import type { ChatSurface } from "./chatContext";
import { stop } from "./chatActions";
import { webviewHtml, webviewOptions } from "./html";
import { FileIndex } from "./completions";
import type { AskCenter } from "../approvals/askCenter";
import type { EditReview } from "../review/editReview";
import type { ModelStatus } from "../models/modelStatus";

type ChatHubDeps = { extensionUri: vscode.Uri; pool: ServerPool; front: FrontFolder; docs: DiffDocuments; reportError: ReportError; log: Log; memory: FolderMemory; asks: AskCenter; review: EditReview; models: ModelStatus;
  /** OPENCODE_VSCODE_TEST=1: the webviews and their controllers take part in `test.*` messages; never otherwise. */
  testHooks: boolean;
};

/**
 * Every chat surface: the sidebar view and any number of editor panels, each driven by its own
 * ChatController. Neither keeps its webview alive when hidden (no retainContextWhenHidden): a
 * shown or reloaded webview posts `ready` and gets a full state, and editor panels come back after
 * a window reload through the serializer, with the selection the webview saved.
 */
export class ChatHub extends Disposable {
  readonly #controllers = new Set<ChatController>();
  readonly #files = this.register(new FileIndex());
  #sidebar: ChatController | undefined;
  #focused: ChatController | undefined;
  readonly #frontChanged = this.register(new vscode.EventEmitter<void>());
  /** A chat editor tab came to the front, or the one in front switched folder. */
  readonly onDidChangeFront = this.#frontChanged.event;

  constructor(private readonly deps: ChatHubDeps) {
    super();
    this.register(deps.front.attachChat(this));
  }

  /** The folder the chat editor tab in front shows, if a chat tab is in front. */
  folderOfActivePanel(): vscode.WorkspaceFolder | undefined {
    return [...this.#controllers].find(c => c.surface.isActiveTab?.())?.folder;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.#sidebar = this.#attach(view.webview, { webview: view.webview, onDidDispose: view.onDidDispose, isVisible: () => view.visible, reveal: () => view.show(false) });
  }

  /** Restores an editor panel after a window reload; the webview's saved state says what it showed. */
  deserializeWebviewPanel(panel: vscode.WebviewPanel, _state: SavedState | undefined): void {
    this.#attachPanel(panel);
  }

  /**
   * A new editor tab beside the current editor, on `sessionID` of `folder`. Without a folder: the
   * folder in front (an editor, a chat tab), else the chat the user touched last, else they pick.
   */
  async openInEditor(folder?: vscode.WorkspaceFolder, sessionID?: string): Promise<ChatController | undefined> {
    const from = this.#focused;
    const target = folder ?? this.deps.front.current() ?? from?.folder ?? await this.deps.front.pick("opencode: chat in which folder?");
    if (!target && vscode.workspace.workspaceFolders?.length) return undefined; // the user cancelled the pick
    const panel = vscode.window.createWebviewPanel(chatPanelType, "opencode", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, webviewOptions(this.deps.extensionUri));
    const c = this.#attachPanel(panel);
    // Another folder's panel must not inherit this one's session: take that folder's last one.
    const sameFolder = target && from?.folder?.uri.toString() === target.uri.toString();
    c.select(target, sessionID ?? (sameFolder ? from?.sessionID : target && this.deps.memory.lastSession(target)));
    return c;
  }

  /** A visible chat shows the session (a pending ask there needs no notification). */
  isShown(folder: vscode.WorkspaceFolder, sessionID: string): boolean {
    return [...this.#controllers].some(c => c.surface.isVisible() && c.folder?.uri.toString() === folder.uri.toString() && c.sessionID === sessionID);
  }

  /** Brings a chat showing the session to the front, else opens one beside. */
  showSession(folder: vscode.WorkspaceFolder, sessionID: string): void {
    const shown = [...this.#controllers].find(c => c.folder?.uri.toString() === folder.uri.toString() && c.sessionID === sessionID);
    if (shown) shown.surface.reveal();
    else void this.openInEditor(folder, sessionID);
  }

  /** The sidebar chat shows the session; the view opens first. Without a sidebar chat, a tab beside. */
  async showInSidebar(folder: vscode.WorkspaceFolder, sessionID: string): Promise<void> {
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
    if (this.#sidebar) this.#sidebar.select(folder, sessionID);
    else this.showSession(folder, sessionID);
  }

  /** The surface the user touched last (for Stop, New Session, Add Selection), else the sidebar. */
  focused(): ChatController | undefined { return this.#focused ?? this.#sidebar; }

  async newSession(): Promise<void> {
    const c = await this.#target();
    c?.select(c.folder, undefined);
  }

  async stop(): Promise<void> {
    const c = this.focused();
    if (c) await stop(c);
  }

  /** Puts `path#Lx-y` and the selected code into the composer of the chat in front. */
  async addSelection(editor: vscode.TextEditor): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri);
    const rel = folder ? path.relative(folder.uri.fsPath, editor.document.uri.fsPath) : editor.document.uri.fsPath;
    const s = editor.selection;
    const ref = s.isEmpty ? rel : `${rel}#L${s.start.line + 1}${s.end.line > s.start.line ? `-${s.end.line + 1}` : ""}`;
    const code = s.isEmpty ? "" : `\n\`\`\`${editor.document.languageId}\n${editor.document.getText(s)}\n\`\`\`\n`;
    const c = await this.#target();
    if (!c) return;
    if (folder && c.folder?.uri.toString() !== folder.uri.toString()) c.select(folder, this.deps.memory.lastSession(folder));
    c.post({ type: "composer", insert: `${ref}${code}` });
  }

  controllers(): ChatController[] { return [...this.#controllers]; }

  /** A deleted session: its editor tabs close, and the sidebar chat, which cannot close, starts a new session. */
  closeSession(folder: vscode.WorkspaceFolder, sessionID: string): void {
    for (const c of this.#controllers) {
      if (c.sessionID !== sessionID || c.folder?.uri.toString() !== folder.uri.toString()) continue;
      if (c.surface.close) c.surface.close();
      else c.select(folder, undefined);
    }
  }

  override dispose(): void {
    for (const c of this.#controllers) c.dispose();
    super.dispose();
  }

  /** The chat in front, opening the sidebar view if none is open yet. */
  async #target(): Promise<ChatController | undefined> {
    if (!this.focused()) await vscode.commands.executeCommand(`${chatViewId}.focus`);
    for (let i = 0; i < 50 && !this.focused(); i++) await new Promise(r => setTimeout(r, 100));
    return this.focused();
  }

  #attachPanel(panel: vscode.WebviewPanel): ChatController {
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, "media", "opencode.svg");
    const surface: ChatSurface = { webview: panel.webview, onDidDispose: panel.onDidDispose, setTitle: t => { panel.title = t; }, isVisible: () => panel.visible, reveal: () => panel.reveal(), isActiveTab: () => panel.active, close: () => panel.dispose() };
    const c = this.#attach(panel.webview, surface);
    panel.onDidChangeViewState(e => { if (e.webviewPanel.active) this.#focused = c; this.#frontChanged.fire(); });
    return c;
  }

  #attach(webview: vscode.Webview, surface: ChatSurface): ChatController {
    webview.options = webviewOptions(this.deps.extensionUri);
    const c = new ChatController(surface, {
      pool: this.deps.pool, log: this.deps.log, docs: this.deps.docs, reportError: this.deps.reportError, memory: this.deps.memory, files: this.#files, asks: this.deps.asks, review: this.deps.review, models: this.deps.models, testHooks: this.deps.testHooks,
      onDidFocus: x => { this.#focused = [...this.#controllers].find(k => k === x); this.#frontChanged.fire(); }, openInEditor: (f, id) => void this.openInEditor(f, id),
    });
    this.#controllers.add(c);
    surface.onDidDispose(() => {
      this.#controllers.delete(c);
      if (this.#focused === c) this.#focused = undefined;
      if (this.#sidebar === c) this.#sidebar = undefined;
      c.dispose();
    });
    // The HTML last: the webview's `ready` must find the controller listening.
    webview.html = webviewHtml(webview, this.deps.extensionUri, this.deps.testHooks);
    return c;
  }
}
