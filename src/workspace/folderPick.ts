import * as vscode from "vscode";

/** The user picks one of the workspace's folders (the only one without asking); undefined if cancelled. */
export async function askFolder(title = "opencode: which folder?"): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  const pick = await vscode.window.showQuickPick(folders.map(f => ({ label: f.name, description: f.uri.fsPath, folder: f })), { title, placeHolder: "Select a workspace folder" });
  return pick?.folder;
}
