import * as vscode from "vscode";
import { isInside } from "../common/paths";
import { read, Settings } from "../host/config";

/**
 * opencode reads the disk, so a prompt about a file with unsaved changes would be answered about
 * the old text. Per `opencode.saveBeforePrompt`: ask, always save, or never. Returns false when the
 * user cancelled the prompt (the caller hands the text back).
 */
export async function saveBeforePrompt(folder: vscode.WorkspaceFolder): Promise<boolean> {
  const mode = read(Settings.saveBeforePrompt, folder.uri);
  if (mode === "never") return true;
  const dirty = vscode.workspace.textDocuments.filter(d => d.isDirty && d.uri.scheme === "file" && isInside(folder.uri.fsPath, d.uri.fsPath));
  if (!dirty.length) return true;
  if (mode === "ask") {
    const names = dirty.slice(0, 5).map(d => vscode.workspace.asRelativePath(d.uri, false)).join(", ") + (dirty.length > 5 ? ", …" : "");
    const choice = await vscode.window.showWarningMessage(
      `${dirty.length === 1 ? "A file has" : `${dirty.length} files have`} unsaved changes that opencode cannot see: ${names}`,
      { modal: true, detail: "opencode reads files from disk. Set opencode.saveBeforePrompt to always or never to stop asking." },
      "Save All and Send", "Send Without Saving");
    if (!choice) return false;
    if (choice === "Send Without Saving") return true;
  }
  await Promise.all(dirty.map(d => d.save()));
  return true;
}
