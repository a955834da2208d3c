import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { Emitter } from "../common/emitter";
import type { GrantStore } from "../server/grants";
import { AttachedServer } from "../server/attached";
import type { Endpoint } from "../protocol/http";
import { buildOpencodeConfig, type SettingError } from "../server/opencodeConfig";
import { ServerSupervisor, type ServerState } from "../server/supervisor";
import { findOpencode } from "../server/binary";
import { whenRunning } from "../server/whenRunning";
import type { ConnectionState } from "../conversation/eventStream";
import { FolderSession } from "../conversation/folderSession";
import { expireAsksWithServer } from "../conversation/serverHolds";
import { configSettings, read, Settings, spawnSettingKeys } from "../host/config";
import type { Log } from "../host/log";
import { attachedEndpoint } from "./attach";
import { FolderScope } from "./folderScope";
import type { ServerHandle } from "./serverHandle";

export type { ServerHandle } from "./serverHandle";

class WorkspaceNotTrustedError extends Error {
  constructor() { super("opencode starts no server in an untrusted workspace: its agent can edit files and run commands. Trust the workspace to use it."); this.name = "WorkspaceNotTrustedError"; }
}

type PoolDeps = {
  log: Log;
  grants: GrantStore;
  watchdogScript: string;
  secrets: vscode.SecretStorage;
  onConfigError: (folder: vscode.WorkspaceFolder, errors: SettingError[]) => void;
};

/**
 * The window's folders, each one FolderScope keyed by folder URI and created on first use
 * (lsp-multi-server-sample). The pool keeps no per-folder state of its own beyond the scopes.
 */
export class ServerPool extends Disposable {
  readonly #scopes = new Map<string, FolderScope>();
  readonly #changed = new Emitter<vscode.WorkspaceFolder>();
  readonly onDidChange = this.#changed.event;
  readonly #sessionCreated = new Emitter<{ folder: vscode.WorkspaceFolder; session: FolderSession; scope: FolderScope }>();
  /** A folder's conversation model was created (its first use); features register per-folder work on `scope`. */
  readonly onDidCreateSession = this.#sessionCreated.event;
  /** What discovery noted about the binary (a newer 1.x, a candidate passed over): logged once a window. */
  readonly #noted = new Set<string>();

  constructor(private readonly deps: PoolDeps) {
    super();
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(e => e.removed.forEach(f => void this.#drop(f.uri.toString(), "its folder was removed from the workspace"))));
    this.register(vscode.workspace.onDidChangeConfiguration(e => this.#onSettingsChanged(e)));
    this.register(this.#changed);
    this.register(this.#sessionCreated);
  }

  /** The folder's scope (its server not started: call `start`). */
  scope(folder: vscode.WorkspaceFolder): FolderScope {
    const key = folder.uri.toString();
    const existing = this.#scopes.get(key);
    if (existing) return existing;
    const server = this.#create(folder);
    const scope = new FolderScope(folder, server, s => this.#createSession(s));
    scope.register(server.onDidChangeState(() => this.#changed.fire(folder)));
    scope.onDidCreateSession(session => this.#sessionCreated.fire({ folder, session, scope }));
    this.#scopes.set(key, scope);
    return scope;
  }

  /** The folder's server handle (not started: call `start`). */
  get(folder: vscode.WorkspaceFolder): ServerHandle { return this.scope(folder).server; }

  /** The folder's server state, without creating anything: a folder never used is stopped. */
  stateOf(folder: vscode.WorkspaceFolder): ServerState {
    return this.#scopes.get(folder.uri.toString())?.server.state ?? { kind: "stopped" };
  }

  /** The folder's event-stream state, if it has a session. */
  connectionOf(folder: vscode.WorkspaceFolder): ConnectionState | undefined {
    return this.#scopes.get(folder.uri.toString())?.existingSession?.connection;
  }

  /**
   * Starts (or reuses) the folder's server; refuses in an untrusted workspace. The folder's event
   * stream is subscribed from the first start on, so no event of the first prompt is missed.
   */
  start(folder: vscode.WorkspaceFolder): Promise<Endpoint> {
    if (!vscode.workspace.isTrusted) return Promise.reject(new WorkspaceNotTrustedError());
    const scope = this.scope(folder);
    scope.session();
    return scope.server.ensureRunning();
  }

  /** The folder's live conversation model; its stream connects only while the server runs (it never starts one). */
  session(folder: vscode.WorkspaceFolder): FolderSession { return this.scope(folder).session(); }

  /** Re-reads every running folder's state: events are per server process, so work done in another
   * window or the TUI shows up only this way. */
  refreshAll(): void {
    for (const { folder, server, existingSession: session } of this.#scopes.values()) {
      if (session && server.state.kind === "running") void session.refresh().catch(err => this.deps.log.warn(`[${folder.name}] refresh failed: ${err}`));
    }
  }

  entries(): { folder: vscode.WorkspaceFolder; server: ServerHandle; session?: FolderSession; scope: FolderScope }[] {
    return [...this.#scopes.values()].map(scope => ({ folder: scope.folder, server: scope.server, session: scope.existingSession, scope }));
  }

  /** Every stop, awaited: deactivate() returns this so no server outlives the window. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#scopes.keys()].map(k => this.#drop(k, "the window closed")));
  }

  override dispose(): void {
    void this.stopAll();
    super.dispose();
  }

  #createSession(scope: FolderScope): FolderSession {
    const { folder, server } = scope;
    const tag = (m: string) => `[${folder.name}] ${m}`;
    const session = new FolderSession({
      stream: () => whenRunning(server),
      // A call is use: it restarts the idle countdown (a busy session or an ask holds the server outright).
      calls: () => { server.touch(); return whenRunning(server); },
    }, folder.uri.fsPath, { debug: m => this.deps.log.debug(tag(m)), info: m => this.deps.log.info(tag(m)), warn: m => this.deps.log.warn(tag(m)) });
    scope.register(session.stream.onDidChangeState(() => this.#changed.fire(folder)));
    scope.register(expireAsksWithServer(session.asks, server));
    return session;
  }

  #create(folder: vscode.WorkspaceFolder): ServerHandle {
    const fsPath = folder.uri.fsPath;
    const log = (line: string) => this.deps.log.info(`[${folder.name}] ${line}`);
    if (read(Settings.serverUrl)) return new AttachedServer(fsPath, () => attachedEndpoint(read(Settings.serverUrl), this.deps.secrets));
    return new ServerSupervisor({
      folder: fsPath, log, watchdogScript: this.deps.watchdogScript,
      findBinary: () => findOpencode({ settingPath: read(Settings.path), note: text => this.#noteOnce(text) }),
      idleTimeoutMs: () => read(Settings.idleTimeoutMinutes, folder.uri) * 60_000,
      spawnEnv: () => ({ OPENCODE_CONFIG_CONTENT: JSON.stringify(this.#config(folder)) }),
    });
  }

  #noteOnce(text: string): void {
    if (this.#noted.has(text)) return;
    this.#noted.add(text);
    this.deps.log.warn(text);
  }

  /** The folder's opencode config from its settings; a value that cannot be used is reported with what is used instead. */
  #config(folder: vscode.WorkspaceFolder): Record<string, unknown> {
    const built = buildOpencodeConfig(configSettings(folder.uri), this.deps.grants.of(folder.uri.fsPath), process.env.OPENCODE_VSCODE_DEMO_MODEL_URL);
    if (built.errors.length) this.deps.onConfigError(folder, built.errors);
    return built.config;
  }

  #onSettingsChanged(e: vscode.ConfigurationChangeEvent): void {
    for (const { folder, server } of this.#scopes.values()) {
      if (server.state.kind !== "running" || !spawnSettingKeys.some(k => e.affectsConfiguration(k, folder.uri))) continue;
      // Never restart on our own: the server may be mid-turn or waiting on an approval.
      void vscode.window.showInformationMessage(`opencode settings changed. Restart the server for "${folder.name}" to apply them?`, "Restart")
        .then(choice => choice && server.restart().catch(err => this.deps.log.error(`restart failed: ${err}`)));
    }
  }

  async #drop(key: string, reason: string): Promise<void> {
    const scope = this.#scopes.get(key);
    if (!scope) return;
    this.#scopes.delete(key);
    await scope.dispose(reason);
    this.#changed.fire(scope.folder);
  }
}
