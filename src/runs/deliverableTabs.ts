import * as vscode from "vscode";
import type { DeliverableKind } from "../server/runFolder";

/**
 * Opens a deliverable as a tab of its own (not a preview tab that the next click replaces),
 * keeping focus in the user's editor: markdown rendered by VS Code's built-in preview, anything
 * else in its default editor (the image viewer for images, the text editor for text).
 */
export async function openDeliverable(d: { path: string; kind: DeliverableKind }): Promise<void> {
  const uri = vscode.Uri.file(d.path);
  // Beside: the user's editor stays visible, and focused, while the deliverable appears next to it.
  const options: vscode.TextDocumentShowOptions = { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside };
  if (d.kind === "markdown") {
    try {
      return void await vscode.commands.executeCommand("vscode.openWith", uri, "vscode.markdown.preview.editor", options);
    } catch {
      // No markdown extension (a stripped-down VS Code): the text is still worth showing.
    }
  }
  await vscode.commands.executeCommand("vscode.open", uri, options);
}
