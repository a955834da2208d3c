import * as vscode from "vscode";
import type { DeliverableKind } from "./engine/runFolder";
import * as fs from "node:fs";
import * as path from "node:path";
import { isInside } from "../common/paths";
import { remoteHosts } from "./engine/remoteContent";

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

/**
 * A markdown file rendered by VS Code's built-in preview, as a tab of its own. The preview fetches
 * remote images by itself, so an agent's file that refers to remote content could send data to
 * another host without any ask: such a file opens as text, and the preview only when the user says so.
 */
export async function openMarkdown(uri: vscode.Uri, options: vscode.TextDocumentShowOptions = { preview: false }): Promise<void> {
  const hosts = remoteHosts(await fs.promises.readFile(uri.fsPath, "utf8").catch(() => ""));
  if (hosts.length) {
    await vscode.commands.executeCommand("vscode.open", uri, options);
    const shown = hosts.slice(0, 3).join(", ") + (hosts.length > 3 ? ` and ${hosts.length - 3} more` : "");
    void vscode.window.showWarningMessage(
      `opencode: ${path.basename(uri.fsPath)} refers to remote content (${shown}). The preview would fetch it at once, which can send data to those hosts, so it is opened as text.`,
      "Open Preview Anyway").then(choice => choice && previewOf(uri, options));
    return;
  }
  await previewOf(uri, options);
}

async function previewOf(uri: vscode.Uri, options: vscode.TextDocumentShowOptions): Promise<void> {
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
