import * as vscode from "vscode";

/** Closes the diff tabs whose right side is `modified` (the diff an ask opened, once it is decided). */
export async function closeDiffTabs(modified: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs)
    .filter(t => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === modified.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}
