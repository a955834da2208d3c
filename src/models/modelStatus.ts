import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { Emitter } from "../common/emitter";
import { errorText } from "../common/errorText";
import type { ModelLine } from "../shared/messages";
import type { FolderSession } from "../conversation/folderSession";
import type { ServerPool } from "../workspace/serverPool";
import type { FolderMemory } from "../host/folderMemory";
import type { Log } from "../host/log";
import { read, Settings } from "../host/config";
import type { Answering } from "./engine/answering";
import { readModelLine } from "./engine/modelLine";

/** What one folder's server says about models: who answers next, and whether it can. `running`: the server was, last we looked. */
type FolderModels = { line?: ModelLine; answering?: Answering; ownProvider: boolean; seq: number; running: boolean };

/**
 * Which model answers each folder's next prompt, asked of the folder's own server each time it
 * starts (a restart applies changed settings and providers), when the window regains focus (the
 * network may have come back), and on `refresh` (the folder's pick changed). Each folder's entry
 * belongs to the folder's scope and goes with it.
 */
export class ModelStatus extends Disposable {
  readonly #folders = new Map<string, FolderModels>();
  readonly #changed = this.register(new Emitter<vscode.WorkspaceFolder>());
  readonly onDidChange = this.#changed.event;

  constructor(private readonly deps: { pool: ServerPool; memory: FolderMemory; log: Log }) {
    super();
    this.register(deps.pool.onDidCreateSession(({ folder, scope }) => {
      const key = folder.uri.toString();
      this.#folders.set(key, { ownProvider: false, seq: 0, running: false });
      scope.register({ dispose: () => this.#folders.delete(key) });
    }));
    this.register(deps.pool.onDidChange(folder => {
      const entry = this.#folders.get(folder.uri.toString());
      if (!entry) return;
      const running = deps.pool.stateOf(folder).kind === "running";
      if (running && !entry.running) void this.refresh(folder);
      entry.running = running;
    }));
    this.register(vscode.window.onDidChangeWindowState(e => {
      if (e.focused) for (const { folder } of deps.pool.entries()) void this.refresh(folder);
    }));
  }

  /** The model line of the folder's panel; undefined until its server answered once. */
  line(folder: vscode.WorkspaceFolder): ModelLine | undefined { return this.#folders.get(folder.uri.toString())?.line; }

  /** Whether a provider the user connected (a key, a login, a config) exists beyond opencode's built-in one. */
  hasOwnProvider(folder: vscode.WorkspaceFolder): boolean { return this.#folders.get(folder.uri.toString())?.ownProvider ?? false; }

  /** The provider of the model that will answer, when it has no credential yet (the chat's Connect opens it). */
  providerLackingCredential(folder: vscode.WorkspaceFolder): string | undefined {
    const entry = this.#folders.get(folder.uri.toString());
    return entry?.line?.problem?.kind === "noKey" && entry.answering && !("problem" in entry.answering) ? entry.answering.providerID : undefined;
  }

  /** Nothing can answer the folder's prompts: sending would only end in a provider error. */
  blocksPrompt(folder: vscode.WorkspaceFolder): boolean { return this.line(folder)?.problem?.kind === "noModel"; }

  /** Asks the folder's running server again; resolves with what it found (undefined: no server). */
  async refresh(folder: vscode.WorkspaceFolder): Promise<Answering | undefined> {
    const entry = this.#folders.get(folder.uri.toString());
    const session = this.deps.pool.entries().find(e => e.folder.uri.toString() === folder.uri.toString())?.session;
    if (!entry || !session || this.deps.pool.stateOf(folder).kind !== "running") return undefined;
    const seq = ++entry.seq;
    try {
      const found = await this.#ask(folder, session);
      if (seq !== entry.seq) return found.answering;
      Object.assign(entry, found);
      this.#changed.fire(folder);
      return found.answering;
    } catch (err) {
      this.deps.log.warn(`models: could not read the model catalogue of ${folder.name}: ${errorText(err)}`);
      return undefined;
    }
  }

  async #ask(folder: vscode.WorkspaceFolder, session: FolderSession): Promise<Omit<FolderModels, "seq" | "running">> {
    return readModelLine(session.client, this.deps.memory.model(folder), read(Settings.model, folder.uri) || undefined, this.deps.memory.variant(folder));
  }
}
