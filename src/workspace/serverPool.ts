import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { Emitter } from "../common/emitter";
import type { GrantStore } from "../server/grants";
import { core } from "../loadCore";
import type { AttachedServer } from "../server/attached";
import type { Endpoint } from "../protocol/http";
import type { SettingError } from "../server/opencodeConfig";
import type { ServerState, ServerSupervisor } from "../server/supervisor";
import type { ConnectionState } from "../conversation/eventStream";
import type { FolderSession } from "../conversation/folderSession";
import { configSettings, read, Settings, spawnSettingKeys } from "../host/config";
import { attachedEndpoint } from "./attach";
import type { Log } from "../host/log";

export type ServerHandle = ServerSupervisor | AttachedServer;

type Disposer = { dispose(): void };
type Entry = { folder: vscode.WorkspaceFolder; server: ServerHandle; disposers: Disposer[]; session?: FolderSession };

export class WorkspaceNotTrustedError extends Error {
  constructor() { super("opencode starts no server in an untrusted workspace: its agent can edit files and run commands. Trust the workspace to use it."); this.name = "WorkspaceNotTrustedError"; }
}

export type PoolDeps = {
  log: Log;
  grants: GrantStore;
  watchdogScript: string;
  secrets: vscode.SecretStorage;
  onConfigError: (folder: vscode.WorkspaceFolder, errors: SettingError[]) => void;
};

/** One server per workspace folder, keyed by folder URI, created on first use (lsp-multi-server-sample). */
export class ServerPool extends Disposable {
  readonly #servers = new Map<string, Entry>();
  readonly #lastGoodConfig = new Map<string, Record<string, unknown>>();
  readonly #changed = new Emitter<vscode.WorkspaceFolder>();
  readonly onDidChange = this.#changed.event;
  readonly #sessionCreated = new Emitter<{ folder: vscode.WorkspaceFolder; session: FolderSession }>();
  /** A folder's conversation model was created (its first use); the permission gate subscribes to it. */
  readonly onDidCreateSession = this.#sessionCreated.event;

  constructor(private readonly deps: PoolDeps) {
    super();
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(e => e.removed.forEach(f => void this.#drop(f.uri.toString()))));
    this.register(vscode.workspace.onDidChangeConfiguration(e => this.#onSettingsChanged(e)));
    this.register(this.#changed);
    this.register(this.#sessionCreated);
  }

  /** The folder's server handle (not started: call `start`). */
  get(folder: vscode.WorkspaceFolder): ServerHandle {
    const key = folder.uri.toString();
    const existing = this.#servers.get(key);
    if (existing) return existing.server;
    const server = this.#create(folder);
    this.#servers.set(key, { folder, server, disposers: [server.onDidChangeState(() => this.#changed.fire(folder))] });
    return server;
  }

  /** The folder's server state, without creating anything: a folder never used is stopped. */
  stateOf(folder: vscode.WorkspaceFolder): ServerState {
    return this.#servers.get(folder.uri.toString())?.server.state ?? { kind: "stopped" };
  }

  /** The folder's event-stream state, if it has a session. */
  connectionOf(folder: vscode.WorkspaceFolder): ConnectionState | undefined {
    return this.#servers.get(folder.uri.toString())?.session?.connection;
  }

  /**
   * Starts (or reuses) the folder's server; refuses in an untrusted workspace. The folder's event
   * stream is subscribed from the first start on, so no event of the first prompt is missed.
   */
  start(folder: vscode.WorkspaceFolder): Promise<Endpoint> {
    if (!vscode.workspace.isTrusted) return Promise.reject(new WorkspaceNotTrustedError());
    this.session(folder);
    return this.get(folder).ensureRunning();
  }

  /**
   * The folder's live conversation model. Its stream connects only while the server runs (it never
   * starts one); each pending ask holds the server so an idle stop cannot drop an approval.
   */
  session(folder: vscode.WorkspaceFolder): FolderSession {
    const server = this.get(folder);
    const entry = this.#servers.get(folder.uri.toString())!;
    if (entry.session) return entry.session;
    const { FolderSession, whenRunning } = core();
    const session = new FolderSession(() => whenRunning(server), folder.uri.fsPath, {
      debug: m => this.deps.log.debug(`[${folder.name}] ${m}`), info: m => this.deps.log.info(`[${folder.name}] ${m}`), warn: m => this.deps.log.warn(`[${folder.name}] ${m}`),
    });
    const holds = new Map<string, Disposer>();
    entry.disposers.push(
      session.stream.onDidChangeState(() => this.#changed.fire(folder)),
      session.asks.onDidAdd(a => holds.set(a.ask.id, server.hold())),
      session.asks.onDidSettle(({ id }) => { holds.get(id)?.dispose(); holds.delete(id); }),
      { dispose: () => { holds.forEach(h => h.dispose()); session.dispose(); } },
    );
    entry.session = session;
    this.#sessionCreated.fire({ folder, session });
    return session;
  }

  /** Re-reads every running folder's state: events are per server process, so work done in another
   * window or the TUI shows up only this way. */
  refreshAll(): void {
    for (const { folder, server, session } of this.#servers.values()) {
      if (session && server.state.kind === "running") void session.refresh().catch(err => this.deps.log.warn(`[${folder.name}] refresh failed: ${err}`));
    }
  }

  entries(): { folder: vscode.WorkspaceFolder; server: ServerHandle; session?: FolderSession }[] {
    return [...this.#servers.values()].map(({ folder, server, session }) => ({ folder, server, session }));
  }

  /** Every stop, awaited: deactivate() returns this so no server outlives the window. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#servers.keys()].map(k => this.#drop(k)));
  }

  override dispose(): void {
    void this.stopAll();
    super.dispose();
  }

  #create(folder: vscode.WorkspaceFolder): ServerHandle {
    const fsPath = folder.uri.fsPath;
    const log = (line: string) => this.deps.log.info(`[${folder.name}] ${line}`);
    const { AttachedServer, ServerSupervisor, findOpencode } = core();
    if (read(Settings.serverUrl)) return new AttachedServer(fsPath, () => attachedEndpoint(read(Settings.serverUrl), this.deps.secrets));
    return new ServerSupervisor({
      folder: fsPath, log, watchdogScript: this.deps.watchdogScript,
      findBinary: () => findOpencode({ settingPath: read(Settings.path) }),
      idleTimeoutMs: () => Math.max(0, read(Settings.idleTimeoutMinutes, folder.uri)) * 60_000,
      spawnEnv: () => ({ OPENCODE_CONFIG_CONTENT: JSON.stringify(this.#config(folder)) }),
    });
  }

  /** The folder's opencode config; invalid settings are reported and the last good config is kept. */
  #config(folder: vscode.WorkspaceFolder): Record<string, unknown> {
    const key = folder.uri.toString();
    const built = core().buildOpencodeConfig(configSettings(folder.uri), this.deps.grants.of(folder.uri.fsPath), process.env.OPENCODE_VSCODE_DEMO_MODEL_URL);
    if (built.ok) {
      this.#lastGoodConfig.set(key, built.config);
      return built.config;
    }
    this.deps.onConfigError(folder, built.errors);
    return this.#lastGoodConfig.get(key) ?? {};
  }

  #onSettingsChanged(e: vscode.ConfigurationChangeEvent): void {
    for (const { folder, server } of this.#servers.values()) {
      if (server.state.kind !== "running" || !spawnSettingKeys.some(k => e.affectsConfiguration(k, folder.uri))) continue;
      // Never restart on our own: the server may be mid-turn or waiting on an approval.
      void vscode.window.showInformationMessage(`opencode settings changed. Restart the server for "${folder.name}" to apply them?`, "Restart")
        .then(choice => choice && server.restart().catch(err => this.deps.log.error(`restart failed: ${err}`)));
    }
  }

  async #drop(key: string): Promise<void> {
    const entry = this.#servers.get(key);
    this.#servers.delete(key);
    entry?.disposers.forEach(d => d.dispose());
    await entry?.server.dispose();
  }
}
