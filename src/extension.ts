import * as vscode from "vscode";
import { ChatViewProvider } from "./chat/chatViewProvider";
import { createLog } from "./log";
import { demoBanner } from "./demo";
import { createErrorReporter } from "./errors";
import { GrantStore } from "./common/grants";
import { ServerPool } from "./workspace/serverPool";
import { ServerStatusBar } from "./workspace/statusBar";
import { registerServerCommands } from "./commands/server";
import { registerTestHooks } from "./testHooks";
import type { PanelSnapshot } from "./shared/messages";

let pool: ServerPool | undefined;

/** Builds the object graph; nothing is spawned here (a folder's server starts on first use). */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const reportError = createErrorReporter(log);
    const reportedConfigErrors = new Set<string>();
    pool = new ServerPool({
      log, grants: new GrantStore(), secrets: context.secrets,
      watchdogScript: vscode.Uri.joinPath(context.extensionUri, "dist", "watchdog.js").fsPath,
      onConfigError: (folder, errors) => {
        const text = errors.map(e => `${e.setting}: ${e.message}`).join("; ");
        if (reportedConfigErrors.has(text)) return;
        reportedConfigErrors.add(text);
        void reportError(new Error(`invalid settings for "${folder.name}" (the server keeps its last good config): ${text}`), "settings");
      },
    });
    const statusBar = new ServerStatusBar(pool);
    const snapshot = (): PanelSnapshot => ({
      folders: (vscode.workspace.workspaceFolders ?? []).map(f => ({ name: f.name, path: f.uri.fsPath })),
      banner: vscode.workspace.isTrusted ? demoBanner() : "This workspace is not trusted, so opencode starts no server here: its agent can edit files and run commands. Trust the workspace to use it.",
    });
    const chat = new ChatViewProvider(context.extensionUri, log, snapshot);
    context.subscriptions.push(
      pool, statusBar, chat,
      vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat),
      vscode.commands.registerCommand("opencode.openChat", () => vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`)),
      vscode.commands.registerCommand("opencode.showLog", () => log.show()),
      ...registerServerCommands(pool, log, reportError, context.secrets),
      // Events are per server process: catch up on work done elsewhere when the user comes back.
      vscode.window.onDidChangeWindowState(e => e.focused && pool?.refreshAll()),
    );
    // Test-only requests: registered only when the test runner sets the variable, never for users.
    if (process.env.OPENCODE_VSCODE_TEST === "1") context.subscriptions.push(...registerTestHooks({ pool, statusBar, chat }));
    log.info(`activated in ${vscode.env.appName} ${vscode.version}`);
  } catch (err) {
    // VS Code does not show activation failures to the user; we do.
    log.error("activation failed", err);
    void vscode.window.showErrorMessage(`opencode failed to start: ${err instanceof Error ? err.message : String(err)}`, "Open Log")
      .then(choice => choice && log.show());
  }
}

/** Awaits every server stop, so no opencode outlives the window. */
export function deactivate(): Promise<void> | undefined {
  return pool?.stopAll();
}
