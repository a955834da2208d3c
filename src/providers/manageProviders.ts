import * as vscode from "vscode";
import { OpencodeApi } from "../protocol/api";
import type { ServerPool } from "../workspace/serverPool";
import type { Log } from "../host/log";
import { applyCredentials, type BusyChoice } from "./engine/applyCredentials";
import { manageProviders, type FlowOutcome, type ProviderFlowDeps } from "./engine/providerFlow";
import type { ProviderUi } from "./engine/providerFlow";

export type ManageProvidersDeps = {
  pool: ServerPool;
  log: Log;
  ui: ProviderUi;
  /** vscode.env.openExternal; injected so a test sees the sign-in URL instead of a browser. */
  openExternal(uri: vscode.Uri): Thenable<boolean>;
  /** After a connect or disconnect: what depends on the credentials (the chat's model line) asks again. */
  onDidChangeCredentials?(): void;
};

/**
 * "Manage Providers…" for one folder, against its server (started if needed). Credentials live in
 * opencode's auth store, which every folder's server shares, so a change reloads every running one.
 */
export async function manageFolderProviders(d: ManageProvidersDeps, folder: vscode.WorkspaceFolder, providerID?: string): Promise<FlowOutcome> {
  await d.pool.start(folder);
  const server = d.pool.get(folder);
  const api = new OpencodeApi(() => server.ensureRunning(), folder.uri.fsPath);
  const flow: ProviderFlowDeps = {
    api, ui: d.ui,
    openExternal: url => Promise.resolve(d.openExternal(vscode.Uri.parse(url))),
    forwardLoopbackPort: vscode.env.remoteName ? forwardLoopbackPort : undefined,
    applyCredentials: () => reloadRunningServers(d),
  };
  const outcome = await manageProviders(flow, providerID);
  if (outcome !== "cancelled") {
    d.log.info(`[${folder.name}] providers: ${outcome}`);
    d.onDidChangeCredentials?.();
  }
  return outcome;
}

/**
 * On a remote machine the browser's redirect to localhost:port must reach opencode there. VS Code
 * forwards the port; the provider only accepts the exact redirect URI, so the port must stay the same.
 */
async function forwardLoopbackPort(port: number): Promise<boolean> {
  const external = await vscode.env.asExternalUri(vscode.Uri.parse(`http://localhost:${port}`));
  return [`localhost:${port}`, `127.0.0.1:${port}`].includes(external.authority);
}

async function reloadRunningServers(d: ManageProvidersDeps): Promise<void> {
  const running = d.pool.entries().flatMap(({ folder, server }) => {
    const s = server.state;
    return s.kind === "running" ? [{ folder, api: new OpencodeApi(() => Promise.resolve(s.endpoint), folder.uri.fsPath) }] : [];
  });
  const nameOf = (directory: string) => running.find(r => r.api.directory === directory)?.folder.name ?? directory;
  const askWhenBusy = async (directory: string, busy: number): Promise<BusyChoice> => {
    const now = "Reload Now", later = "After the Turn";
    const choice = await vscode.window.showWarningMessage(
      `opencode is working in ${nameOf(directory)} (${busy} session${busy === 1 ? "" : "s"}). Its server uses the new credentials once it reloads, which ends a running turn.`,
      { modal: true }, now, later);
    return choice === now ? "now" : choice === later ? "afterTurn" : undefined;
  };
  const skipped = await d.ui.waitCancellable("opencode: reloading with the new credentials…", signal => applyCredentials(running.map(r => r.api), { askWhenBusy, signal }));
  for (const { directory, why } of skipped) {
    d.log.info(`[${nameOf(directory)}] providers: not reloaded (${why}); the change applies after its server restarts`);
    void vscode.window.showInformationMessage(`opencode: ${nameOf(directory)} keeps its old credentials until its server restarts (opencode: Restart Server).`);
  }
}
