import * as vscode from "vscode";
import type { ServerPool } from "../workspace/serverPool";
import type { FrontFolder } from "../workspace/frontFolder";
import { serverPasswordSecret } from "../workspace/attach";
import type { ReportError } from "../host/errors";
import type { Log } from "../host/log";

/** opencode.server.*: start / stop / restart the folder's server, its log, and the actions menu. */
export function registerServerCommands(pool: ServerPool, front: FrontFolder, log: Log, reportError: ReportError, secrets: vscode.SecretStorage): vscode.Disposable[] {
  const withFolder = (fn: (f: vscode.WorkspaceFolder) => Promise<unknown>, what: string) => async () => {
    const folder = await front.pick();
    if (!folder) return void vscode.window.showInformationMessage("opencode: open a folder first.");
    // The notification is not awaited: the command finishes while the message waits for the user.
    try { await fn(folder); } catch (err) { void reportError(err, what); }
  };
  const start = withFolder(f => pool.start(f), "starting the server");
  const stop = withFolder(f => pool.get(f).stop(), "stopping the server");
  const restart = withFolder(async f => { if (!vscode.workspace.isTrusted) return pool.start(f); return pool.get(f).restart(); }, "restarting the server");
  return [
    vscode.commands.registerCommand("opencode.server.start", start),
    vscode.commands.registerCommand("opencode.server.stop", stop),
    vscode.commands.registerCommand("opencode.server.restart", restart),
    vscode.commands.registerCommand("opencode.server.showLog", () => log.show()),
    vscode.commands.registerCommand("opencode.server.showActions", async () => {
      const pick = await vscode.window.showQuickPick([
        { label: "$(play) Start Server", id: "opencode.server.start" }, { label: "$(debug-stop) Stop Server", id: "opencode.server.stop" },
        { label: "$(debug-restart) Restart Server", id: "opencode.server.restart" }, { label: "$(output) Show Log", id: "opencode.server.showLog" },
      ], { title: "opencode server" });
      if (pick) await vscode.commands.executeCommand(pick.id);
    }),
    vscode.commands.registerCommand("opencode.server.setPassword", async () => {
      const password = await vscode.window.showInputBox({ title: "Password of the server at opencode.serverUrl", password: true, ignoreFocusOut: true, prompt: "Stored in VS Code's secret storage, never in settings." });
      if (password === undefined) return;
      await (password ? secrets.store(serverPasswordSecret, password) : secrets.delete(serverPasswordSecret));
    }),
  ];
}
