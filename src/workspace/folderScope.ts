import type * as vscode from "vscode";
import type { Disposer } from "../common/lifecycle";
import { Emitter } from "../common/emitter";
import type { FolderSession } from "../conversation/folderSession";
import { holdWhileNeeded } from "../conversation/serverHolds";
import type { ServerHandle } from "./serverHandle";

/**
 * Everything that lives as long as one workspace folder: its server, its conversation model, the
 * holds that keep the server up, and whatever a feature registers for the folder (asks in the
 * window's queue, turn baselines, run subscriptions). Removing the folder (or closing the window)
 * disposes the scope and with it all of that, newest first; nothing per-folder lives elsewhere.
 * Holds: a busy session, a pending ask or a run keeps the server from its idle stop
 * (holdWhileNeeded); an idle open chat does not.
 */
export class FolderScope {
  /** In registration order; a thing disposed early through `register`'s handle leaves it. */
  readonly #items = new Set<Disposer>();
  /** Live holds only (a long window takes thousands): released ones leave the set. */
  readonly #holds = new Set<Disposer>();
  #session: FolderSession | undefined;
  #disposed = false;
  readonly #ending = new Emitter<string>();
  /** The scope is about to go (its reason): features settle what they hold for the folder first. */
  readonly onWillEnd = this.#ending.event;
  readonly #sessionCreated = new Emitter<FolderSession>();
  /** The conversation model was just created (the folder's first use). */
  readonly onDidCreateSession = this.#sessionCreated.event;

  constructor(readonly folder: vscode.WorkspaceFolder, readonly server: ServerHandle, private readonly createSession: (scope: FolderScope) => FolderSession) {}

  get key(): string { return this.folder.uri.toString(); }
  get isDisposed(): boolean { return this.#disposed; }
  /** The conversation model if it exists yet (a folder never used has none). */
  get existingSession(): FolderSession | undefined { return this.#session; }

  /** The folder's conversation model, created on first use. */
  session(): FolderSession {
    if (this.#disposed) throw new Error(`the folder "${this.folder.name}" was removed from the workspace`);
    if (this.#session) return this.#session;
    const session = this.createSession(this);
    this.#session = session;
    this.register({ dispose: () => session.dispose() });
    this.register(holdWhileNeeded(session, () => this.hold()));
    this.#sessionCreated.fire(session);
    return session;
  }

  /** Ties `d` to the folder's lifetime; registered after the end, it is disposed at once. */
  register<T extends Disposer>(d: T): T {
    if (this.#disposed) d.dispose();
    else this.#items.add(d);
    return d;
  }

  /**
   * Like register, for something that may end before the folder (a run's subscriptions end with the
   * run): the handle disposes it and lets it go, so a long-lived folder does not keep every run.
   */
  registerUntil(d: Disposer): Disposer {
    this.register(d);
    return { dispose: () => { if (this.#items.delete(d)) d.dispose(); } };
  }

  /** Keeps the server from its idle stop until the returned handle is disposed (or the folder goes). */
  hold(): Disposer {
    if (this.#disposed) return { dispose: () => {} };
    const h = this.server.hold();
    const handle = { dispose: () => { if (this.#holds.delete(handle)) h.dispose(); } };
    this.#holds.add(handle);
    return handle;
  }

  /** Disposes everything the folder owned, then stops its server (awaited, so nothing outlives it). */
  async dispose(reason: string): Promise<void> {
    if (this.#disposed) return;
    this.#ending.fire(reason);
    this.#disposed = true;
    this.#ending.dispose();
    this.#sessionCreated.dispose();
    const items = [...this.#items].reverse();
    this.#items.clear();
    for (const d of items) {
      try { d.dispose(); } catch (err) { queueMicrotask(() => { throw err; }); }
    }
    for (const h of [...this.#holds]) h.dispose();
    await this.server.dispose();
  }
}
