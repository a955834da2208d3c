import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { keepHunk } from "./engine/turnChanges";
import type { FolderSession } from "../conversation/folderSession";
import { readNow } from "./engine/toolBaselines";
import { TurnBaselines, type FinishedTurn } from "./engine/turnBaselines";
import { SessionReverts, type RevertChange } from "./engine/sessionReverts";
import { LeftReview } from "./engine/leftReview";
import type { ServerPool } from "../workspace/serverPool";
import type { FolderScope } from "../workspace/folderScope";
import type { Log } from "../host/log";
import type { DiffDocuments } from "../host/diffDocuments";
import { changesOf, currentOf, eolOf, findHunk, sidesOf, type ReviewFile } from "./reviewFile";
import { undoChanges, type UndoTarget } from "./reviewEdits";
import { ReviewDecorations } from "./reviewDecorations";
import { ReviewLenses } from "./reviewLenses";
import { openChanges } from "./reviewChanges";
import { TypingFold } from "./typingFold";

type EditReviewDeps = { pool: ServerPool; log: Log; extensionUri: vscode.Uri; docs: DiffDocuments };

/** Which changes an action covers: one session's (the panel), else every file under review. */
type ReviewScope = { folder: vscode.WorkspaceFolder; sessionID: string } | undefined;

/**
 * Review of the files agents changed: after each turn (TurnBaselines), the changed ranges of every
 * file it touched are decorated in the editors, with Keep / Undo lenses per change and per file,
 * until the user has kept or undone them all. Changes of later turns add up (a file keeps the
 * baseline of its oldest unreviewed turn). Everything is computed against the current buffers.
 */
export class EditReview extends Disposable {
  readonly #files = new Map<string, ReviewFile>();
  /** Each reviewed document's text after its last change event: the "before" a rebase needs. */
  readonly #texts = new Map<string, string>();
  readonly #typing = new TypingFold();
  /** Our own WorkspaceEdits in flight: their change events are not the user's typing. */
  #applying = 0;
  #refreshTimer: NodeJS.Timeout | undefined;
  /** Files whose documents changed since the last refresh. */
  readonly #dirty = new Set<string>();
  readonly #changed = this.register(new vscode.EventEmitter<void>());
  /** Files, changes or counts changed: lenses, decorations and panels re-read. */
  readonly onDidChange = this.#changed.event;
  /** The decorations drawn in visible editors (what each file shows is readable there). */
  readonly decorations: ReviewDecorations;
  /**
   * Per session, each changed file's text before the session first changed it, kept after Keep or
   * Undo so a finished run's changes stay viewable as diffs. Bounded: the newest sessions only.
   */
  readonly #before = new Map<string, Map<string, string | undefined>>();
  /** Files out of review since their session's last turn: an unrevert may bring their changes back. */
  readonly #left = new LeftReview<ReviewFile>(f => f.uri.toString());

  constructor(private readonly deps: EditReviewDeps) {
    super();
    for (const { scope, session } of deps.pool.entries()) if (session) this.#track(scope, session);
    this.register(deps.pool.onDidCreateSession(({ scope, session }) => this.#track(scope, session)));
    this.decorations = this.register(new ReviewDecorations(deps.extensionUri));
    this.register(new ReviewLenses(this));
    this.register(vscode.workspace.onDidChangeTextDocument(e => this.#onDocumentChange(e)));
    this.register(vscode.workspace.onDidOpenTextDocument(d => this.#files.has(d.uri.toString()) && this.#texts.set(d.uri.toString(), d.getText())));
    // A closed buffer's unsaved text is gone: the disk is what is compared now.
    this.register(vscode.workspace.onDidCloseTextDocument(d => { this.#texts.delete(d.uri.toString()); if (this.#files.has(d.uri.toString())) this.#schedule(d.uri.toString()); }));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.#render()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.#setContext()));
    this.register({ dispose: () => clearTimeout(this.#refreshTimer) });
  }

  /** The file's review, if it has one. */
  file(uri: vscode.Uri): ReviewFile | undefined { return this.#files.get(uri.toString()); }

  files(scope?: ReviewScope): ReviewFile[] {
    return [...this.#files.values()].filter(f => !scope || (f.folder.uri.toString() === scope.folder.uri.toString() && f.sessionID === scope.sessionID));
  }

  /** For the panel's bar: how many files and changes `scope` has under review. */
  summary(scope?: ReviewScope): { files: number; hunks: number } {
    const files = this.files(scope);
    return { files: files.length, hunks: files.reduce((n, f) => n + f.hunks.length, 0) };
  }

  /** Resolves once the typing so far is folded in and the refresh it needs has run: files() is then what the user sees. */
  async refreshed(): Promise<void> {
    if (this.#dirty.size || this.#refreshTimer) await this.#flush();
    else await this.#typing.settled();
  }

  async keepHunk(uri: vscode.Uri, line: number, baseLine: number): Promise<void> {
    await this.#typing.settled(); // the baseline holds the user's typing so far
    const f = this.file(uri);
    if (!f) return;
    const c = currentOf(f);
    const h = findHunk(changesOf(f, c), line, baseLine);
    if (!h) return;
    const s = sidesOf(f, c);
    f.baseline = keepHunk(s.base, s.text, h);
    this.#refresh([f]);
  }

  async undoHunk(uri: vscode.Uri, line: number, baseLine: number): Promise<void> {
    const f = this.file(uri);
    if (f) await this.#undo([{ file: f, hunk: { line, baseLine } }]);
  }

  keepFiles(files: readonly ReviewFile[]): void {
    for (const f of files) this.#forget(f);
    this.#afterChange();
  }

  async undoFiles(files: readonly ReviewFile[]): Promise<void> {
    await this.#undo(files.map(file => ({ file })));
  }

  /** The multi-file diff of `files`: each baseline against the file as it is now. */
  async review(files: readonly ReviewFile[], title: string): Promise<void> {
    await this.#typing.settled();
    return openChanges(this.deps.docs, files, title);
  }

  /** The folder's turn baselines live in its scope; when the folder goes, so do its files under review. */
  #track(scope: FolderScope, session: FolderSession): void {
    const folder = scope.folder;
    const turns = scope.register(new TurnBaselines(session, readNow, m => this.deps.log.info(`[${folder.name}] review: ${m}`)));
    scope.register(turns.onDidFinishTurn(t => this.#addTurn(folder, t)));
    const reverts = scope.register(new SessionReverts(session));
    scope.register(reverts.onDidChange(r => this.#onRevert(folder, r)));
    scope.onWillEnd(() => {
      this.#left.forgetWhere(f => f.folder.uri.toString() === folder.uri.toString());
      const gone = this.files().filter(f => f.folder.uri.toString() === folder.uri.toString());
      for (const f of gone) this.#forget(f);
      if (gone.length && !this.isDisposed) this.#afterChange();
    });
  }

  /** The file's text before `sessionID` first changed it ({} when unknown: never seen, or forgotten). */
  before(sessionID: string, file: string): { baseline?: string; known: boolean } {
    const files = this.#before.get(sessionID);
    return files?.has(file) ? { baseline: files.get(file), known: true } : { known: false };
  }

  /** Drops what is remembered of a session's baselines (its run was deleted; a reload does the same). */
  forget(sessionID: string): void {
    this.#before.delete(sessionID);
    this.#left.forgetSession(sessionID);
  }

  #remember(turn: FinishedTurn): void {
    const files = this.#before.get(turn.sessionID) ?? new Map<string, string | undefined>();
    for (const tf of turn.files) if (!files.has(tf.path)) files.set(tf.path, tf.baseline);
    this.#before.delete(turn.sessionID);
    this.#before.set(turn.sessionID, files);
    if (this.#before.size > 30) this.#before.delete(this.#before.keys().next().value!);
  }

  #addTurn(folder: vscode.WorkspaceFolder, turn: FinishedTurn): void {
    this.#remember(turn);
    this.#left.turnEnded(turn.sessionID);
    const added: ReviewFile[] = [];
    for (const tf of turn.files) {
      const uri = vscode.Uri.file(tf.path);
      const key = uri.toString();
      const known = this.#files.get(key);
      if (known) {
        // The oldest unreviewed baseline stays; an older turn reported late brings its own.
        if (turn.messageID < known.since) { known.baseline = tf.baseline; known.since = turn.messageID; }
        known.after = tf.after;
        added.push(known);
        continue;
      }
      const f: ReviewFile = { uri, folder, sessionID: turn.sessionID, since: turn.messageID, baseline: tf.baseline, after: tf.after, hunks: [] };
      this.#files.set(key, f);
      const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
      if (doc) this.#texts.set(key, doc.getText());
      added.push(f);
    }
    this.deps.log.info(`[${folder.name}] review: turn ${turn.messageID} changed ${turn.files.length} file(s) (baselines from ${turn.source})`);
    this.#refresh(added);
  }

  /**
   * A revert, unrevert or the cleanup of a revert rewrote the session's files on disk: their changes
   * are recomputed (an open document follows when VS Code reloads it, which refreshes it again).
   * When the marker is cleared, the files in #left whose disk text differs from their
   * baseline again come back (an unrevert); the cleanup by the next prompt clears the marker too,
   * and then the files stay as the revert left them, equal to their baselines, so none comes back.
   */
  #onRevert(folder: vscode.WorkspaceFolder, r: RevertChange): void {
    const left = r.messageID ? [] : this.#left.markerCleared(r.sessionID);
    const back = left.filter(f => !this.#files.has(f.uri.toString()));
    for (const f of back) {
      // The disk, not the document: VS Code reloads an open one from it only after this (unless it
      // has unsaved changes: then it keeps them, and they are what is compared).
      const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === f.uri.toString());
      const text = doc?.isDirty ? doc.getText() : readNow(f.uri.fsPath);
      f.hunks = changesOf(f, { text, eol: doc?.isDirty ? eolOf(doc) : text?.includes("\r\n") ? "\r\n" : "\n" });
      if (!f.hunks.length) continue;
      this.#files.set(f.uri.toString(), f);
      if (doc) this.#texts.set(f.uri.toString(), doc.getText());
    }
    const others = this.files({ folder, sessionID: r.sessionID }).filter(f => !back.includes(f));
    if (back.length || others.length) this.deps.log.info(`[${folder.name}] review: session ${r.sessionID} ${r.messageID ? `reverted to ${r.messageID}` : "no longer reverted"}: its changes are recomputed`);
    this.#refresh(others);
  }

  async #undo(targets: UndoTarget[]): Promise<void> {
    await this.#typing.settled(); // Undo goes back to a baseline that holds the user's typing so far
    this.#applying++;
    try {
      await undoChanges(targets, e => vscode.workspace.applyEdit(e));
    } finally {
      this.#applying--;
    }
    this.#refresh(targets.map(t => t.file));
  }

  /**
   * The user's typing in a reviewed document: each edit outside the agent's changes is made to the
   * baseline too, so it is never shown, or undone, as the agent's. Change events that are not typing
   * are left alone: a reload from disk (the agent wrote the file again) and our own Undo. The editor's
   * Undo and Redo count as typing, even back to the saved text.
   */
  #onDocumentChange(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const f = this.#files.get(key);
    if (!f) return;
    if (!e.contentChanges.length) return; // a dirty-state change only
    const before = this.#texts.get(key);
    const now = e.document.getText();
    this.#texts.set(key, now);
    // A reload is told from typing by the disk's text (the document's own dirty flag lags one event
    // behind a first keystroke, so it cannot tell).
    if (this.#applying === 0 && before !== undefined) {
      this.#typing.add(f, {
        file: e.document.uri.fsPath, before, now, eol: eolOf(e.document), undoRedo: e.reason !== undefined,
        edits: e.contentChanges.map(c => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })),
      });
    }
    this.#schedule(key);
  }

  /** Recomputed after the change events of one edit have all arrived (typing fires one per key). */
  #schedule(key: string): void {
    this.#dirty.add(key);
    this.#refreshTimer ??= setTimeout(() => void this.#flush(), 50);
  }

  /** Recomputes the files changed since the last refresh, once their typing is folded into the baselines. */
  async #flush(): Promise<void> {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = undefined;
    await this.#typing.settled();
    if (this.isDisposed) return;
    const files = [...this.#dirty].map(k => this.#files.get(k)).filter((f): f is ReviewFile => !!f);
    this.#dirty.clear();
    if (files.length) this.#refresh(files);
  }

  /** Recomputes the changes of `files`; a file with none left is out of review. */
  #refresh(files: readonly ReviewFile[]): void {
    for (const f of files) {
      f.hunks = changesOf(f, currentOf(f));
      if (f.hunks.length) continue;
      this.#left.left(f);
      this.#forget(f);
    }
    this.#afterChange();
  }

  #forget(f: ReviewFile): void {
    this.#files.delete(f.uri.toString());
    this.#texts.delete(f.uri.toString());
  }

  #afterChange(): void {
    this.#render();
    this.#setContext();
    this.#changed.fire();
  }

  #render(): void {
    for (const editor of vscode.window.visibleTextEditors) this.decorations.render(editor, this.file(editor.document.uri));
  }

  #setContext(): void {
    const active = vscode.window.activeTextEditor?.document.uri;
    void vscode.commands.executeCommand("setContext", "opencode.review.hasChanges", this.#files.size > 0);
    void vscode.commands.executeCommand("setContext", "opencode.review.activeFile", !!active && this.#files.has(active.toString()));
  }
}
