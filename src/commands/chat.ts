import * as vscode from "vscode";
import type { Lazy } from "../common/lazy";
import type { ChatHub } from "../chat/chatHub";
import { besidePath, installBesideCommand, installCommand } from "../server/versionAdvice";

/** opencode.openChat and friends. Each loads the chat module only when run. */
export function registerChatCommands(chat: Lazy<ChatHub>, viewId: string): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand("opencode.openChat", () => vscode.commands.executeCommand(`${viewId}.focus`)),
    // Arguments for callers (a run's "Open in Chat"): the folder's URI and a session id.
    vscode.commands.registerCommand("opencode.openChatInEditor", (folderUri?: vscode.Uri, sessionID?: string) => {
      const folder = folderUri instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(folderUri) : undefined;
      chat().openInEditor(folder, typeof sessionID === "string" ? sessionID : undefined);
    }),
    vscode.commands.registerCommand("opencode.newSession", () => chat().newSession()),
    vscode.commands.registerCommand("opencode.stop", () => chat().stop()),
    vscode.commands.registerTextEditorCommand("opencode.addSelectionToChat", editor => chat().addSelection(editor)),
    // The tested version, pinned: an unpinned install would take whatever is newest, 2.x included.
    // "beside2x": a 1.x in its own prefix, leaving the user's global opencode 2.x as it is.
    vscode.commands.registerCommand("opencode.installOpencode", async (how?: unknown) => {
      // Visible, so the user sees what runs and any npm error; they retry once it finishes.
      const terminal = vscode.window.createTerminal({ name: "Install opencode" });
      terminal.show();
      terminal.sendText(how === "beside2x" ? installBesideCommand : installCommand);
      if (how === "beside2x") await vscode.workspace.getConfiguration("opencode").update("path", besidePath(), vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand("opencode.showSetPath", () => vscode.commands.executeCommand("workbench.action.openSettings", "opencode.path")),
  ];
}
