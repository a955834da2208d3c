import * as vscode from "vscode";

/**
 * The folder a command acts on: the only folder; else the active editor's folder (unless
 * `alwaysAsk`, for an explicit "switch folder"); else ask.
 * Undefined when there is no folder or the user cancelled.
 */
export async function pickFolder(title = "opencode: which folder?", alwaysAsk = false): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active && vscode.workspace.getWorkspaceFolder(active);
  if (owner && !alwaysAsk) return owner;
  const pick = await vscode.window.showQuickPick(folders.map(f => ({ label: f.name, description: f.uri.fsPath, folder: f })), { title, placeHolder: "Select a workspace folder" });
  return pick?.folder;
}
