import * as vscode from "vscode";
import type { PermissionRequest } from "../protocol/ask";
import { describePermission } from "../protocol/askText";

/**
 * opencode reads and writes the disk and never sees unsaved buffers. Before allowing an edit of a
 * file with unsaved changes, the user chooses: save first, allow anyway, or reject. "cancel" means
 * they left without choosing (the ask stays pending).
 */
export async function confirmUnsavedTarget(ask: PermissionRequest, folder: vscode.WorkspaceFolder): Promise<"allow" | "reject" | "cancel"> {
  if (ask.permission !== "edit") return "allow";
  const file = describePermission(ask, folder.uri.fsPath).filepath;
  const doc = file && vscode.workspace.textDocuments.find(d => d.uri.scheme === "file" && d.uri.fsPath === file && d.isDirty);
  if (!doc) return "allow";
  const name = vscode.workspace.asRelativePath(doc.uri, false);
  const pick = await vscode.window.showQuickPick([
    { label: "$(save) Save and allow", id: "save" as const, detail: "opencode then edits what you see" },
    { label: "$(warning) Allow anyway", id: "anyway" as const, detail: "opencode edits the file on disk; your unsaved changes stay in the editor, and saving them would overwrite its edit" },
    { label: "$(close) Reject", id: "reject" as const },
  ], { title: `${name} has unsaved changes opencode cannot see`, ignoreFocusOut: true });
  if (!pick) return "cancel";
  if (pick.id === "reject") return "reject";
  if (pick.id === "save" && !(await doc.save())) {
    void vscode.window.showWarningMessage(`opencode: ${name} could not be saved; the edit was not allowed.`);
    return "cancel";
  }
  return "allow";
}
