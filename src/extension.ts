import * as vscode from "vscode";
import { ChatViewProvider } from "./chat/chatViewProvider";
import { createLog } from "./log";
import { demoBanner } from "./demo";
import type { PanelSnapshot } from "./shared/messages";

/** Builds the object graph; nothing is spawned here (servers start on first use). */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const snapshot = (): PanelSnapshot => ({
      folders: (vscode.workspace.workspaceFolders ?? []).map(f => ({ name: f.name, path: f.uri.fsPath })),
      banner: demoBanner(),
    });
    const chat = new ChatViewProvider(context.extensionUri, log, snapshot);
    context.subscriptions.push(
      chat,
      vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat),
      vscode.commands.registerCommand("opencode.openChat", () => vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`)),
      vscode.commands.registerCommand("opencode.showLog", () => log.show()),
    );
    // Test-only requests: registered only when the test runner sets the variable, never for users.
    if (process.env.OPENCODE_VSCODE_TEST === "1") {
      context.subscriptions.push(vscode.commands.registerCommand("opencode.test.chatText", () => chat.requestText()));
    }
    log.info(`activated in ${vscode.env.appName} ${vscode.version}`);
  } catch (err) {
    // VS Code does not show activation failures to the user; we do.
    log.error("activation failed", err);
    void vscode.window.showErrorMessage(`opencode failed to start: ${err instanceof Error ? err.message : String(err)}`, "Open Log")
      .then(choice => choice && log.show());
  }
}

export function deactivate(): void {}
