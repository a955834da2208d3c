import * as vscode from "vscode";
import type { DeliverableKind } from "./engine/runFolder";
import { isInside } from "../common/paths";

/**
 * Opens a deliverable as a tab of its own (not a preview tab that the next click replaces),
 * keeping focus in the user's editor: markdown rendered by VS Code's built-in preview, anything
 * else in its default editor (the image viewer for images, the text editor for text).
 */
export async function openDeliverable(d: { path: string; kind: DeliverableKind }): Promise<void> {
  const uri = vscode.Uri.file(d.path);
  // Beside: the user's editor stays visible, and focused, while the deliverable appears next to it.
  const options: vscode.TextDocumentShowOptions = { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside };
  if (d.kind === "markdown") return openMarkdown(uri, options);
  await vscode.commands.executeCommand("vscode.open", uri, options);
}

/** A markdown file rendered by VS Code's built-in preview, as a tab of its own. */
export async function openMarkdown(uri: vscode.Uri, options: vscode.TextDocumentShowOptions = { preview: false }): Promise<void> {
  try {
    await vscode.commands.executeCommand("vscode.openWith", uri, "vscode.markdown.preview.editor", options);
  } catch {
    // No markdown extension (a stripped-down VS Code): the text is still worth showing.
    await vscode.commands.executeCommand("vscode.open", uri, options);
  }
}

/**
 * Closes the tabs of files under `dir` (a deleted run's deliverables, result and log), which would
 * otherwise stay open on files that are gone. A tab with unsaved changes stays: closing it would
 * ask, or lose the user's typing.
 */
export async function closeTabsUnder(dir: string): Promise<void> {
  const inside = (uri: vscode.Uri) => uri.scheme === "file" && isInside(dir, uri.fsPath);
  const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(tab => {
    const input = tab.input;
    if (tab.isDirty) return false;
    if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return inside(input.uri);
    if (input instanceof vscode.TabInputTextDiff) return inside(input.modified) || inside(input.original);
    return false;
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true).then(undefined, () => undefined);
}
