import * as vscode from "vscode";
import type { ServerPool } from "../workspace/serverPool";
import type { Log } from "../host/log";
import { sharingAllowed } from "./engine/shareRefusal";

/** The when-clause key that shows Share / Unshare: true once a running folder's config allows sharing. */
export const shareContextKey = "opencode.sessions.shareEnabled";

/**
 * Keeps the key in step with the folders' servers: read when a server starts running, since the
 * config that says `share: "disabled"` is the server's own (opencode.json, OPENCODE_CONFIG_CONTENT).
 */
export class ShareContext implements vscode.Disposable {
  readonly #allowed = new Map<string, boolean>();
  readonly #listener: vscode.Disposable;

  constructor(private readonly pool: ServerPool, private readonly log: Log) {
    this.#listener = pool.onDidChange(folder => void this.#check(folder));
  }

  async #check(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    if (this.pool.stateOf(folder).kind !== "running") {
      this.#allowed.delete(key);
    } else {
      try {
        this.#allowed.set(key, sharingAllowed(await this.pool.session(folder).client.config()));
      } catch (err) {
        // A server that stopped or restarted meanwhile is checked again when it runs: no warning.
        if (this.pool.stateOf(folder).kind === "running") this.log.warn(`[${folder.name}] reading the config for sharing failed: ${err}`);
        else this.log.info(`[${folder.name}] the config for sharing was not read: the server stopped meanwhile`);
      }
    }
    await vscode.commands.executeCommand("setContext", shareContextKey, [...this.#allowed.values()].some(Boolean));
  }

  dispose(): void { this.#listener.dispose(); }
}
