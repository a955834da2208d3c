import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { Emitter } from "../common/emitter";
import type { GrantStore } from "../common/grants";
import { AttachedServer } from "../server/attached";
import { findOpencode } from "../server/binary";
import type { Endpoint } from "../server/http";
import { buildOpencodeConfig, type SettingError } from "../server/opencodeConfig";
import { ServerSupervisor } from "../server/supervisor";
import { configSettings, read, Settings, spawnSettingKeys } from "../config";
import { attachedEndpoint } from "./attach";
import type { Log } from "../log";

export type ServerHandle = ServerSupervisor | AttachedServer;

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
  readonly #servers = new Map<string, { folder: vscode.WorkspaceFolder; server: ServerHandle; listener: { dispose(): void } }>();
  readonly #lastGoodConfig = new Map<string, Record<string, unknown>>();
  readonly #changed = new Emitter<vscode.WorkspaceFolder>();
  readonly onDidChange = this.#changed.event;

  constructor(private readonly deps: PoolDeps) {
    super();
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(e => e.removed.forEach(f => void this.#drop(f.uri.toString()))));
    this.register(vscode.workspace.onDidChangeConfiguration(e => this.#onSettingsChanged(e)));
    this.register(this.#changed);
  }

  /** The folder's server handle (not started: call `start`). */
  get(folder: vscode.WorkspaceFolder): ServerHandle {
    const key = folder.uri.toString();
    const existing = this.#servers.get(key);
    if (existing) return existing.server;
    const server = this.#create(folder);
    this.#servers.set(key, { folder, server, listener: server.onDidChangeState(() => this.#changed.fire(folder)) });
    return server;
  }

  /** Starts (or reuses) the folder's server; refuses in an untrusted workspace. */
  start(folder: vscode.WorkspaceFolder): Promise<Endpoint> {
    if (!vscode.workspace.isTrusted) return Promise.reject(new WorkspaceNotTrustedError());
    return this.get(folder).ensureRunning();
  }

  entries(): { folder: vscode.WorkspaceFolder; server: ServerHandle }[] { return [...this.#servers.values()].map(({ folder, server }) => ({ folder, server })); }

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
    const built = buildOpencodeConfig(configSettings(folder.uri), this.deps.grants.of(folder.uri.fsPath), process.env.OPENCODE_VSCODE_DEMO_MODEL_URL);
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
    entry?.listener.dispose();
    await entry?.server.dispose();
  }
}
