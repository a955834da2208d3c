import * as vscode from "vscode";

// The per-folder rows the sidebar's trees (Sessions, MCP Servers) share, so that a multi-root
// workspace looks and reads the same in each of them.

/** A folder's group in a multi-root workspace; `id` keeps its expansion across refreshes. */
export function folderItem(idPrefix: string, folder: vscode.WorkspaceFolder, contextValue: string): vscode.TreeItem {
  const item = new vscode.TreeItem(folder.name, vscode.TreeItemCollapsibleState.Expanded);
  return Object.assign(item, { id: `${idPrefix}:${folder.uri}`, iconPath: vscode.ThemeIcon.Folder, resourceUri: folder.uri, contextValue });
}

/** The row of a folder whose server is not running: a click starts it (`command` with `arg`). */
export function startServerItem(toSee: string, tooltip: string, command: string, arg: unknown): vscode.TreeItem {
  const item = new vscode.TreeItem(`Start server to see ${toSee}`);
  Object.assign(item, { iconPath: new vscode.ThemeIcon("play"), tooltip });
  item.command = { command, title: "Start Server", arguments: [arg] };
  return item;
}

/** A one-line note in place of the rows ("No sessions yet", a read that failed). */
export function messageItem(text: string, icon: string): vscode.TreeItem {
  return Object.assign(new vscode.TreeItem(text), { iconPath: new vscode.ThemeIcon(icon), tooltip: text });
}
