import * as vscode from "vscode";
import type { PermissionRequest } from "../protocol/ask";
import { describePermission } from "./askText";

/** The open editor document of `file` when it has unsaved changes (what opencode cannot see). */
export function unsavedDocument(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find(d => d.uri.scheme === "file" && d.uri.fsPath === file && d.isDirty);
}

type UnsavedChoice = { kind: "allow" } | { kind: "reject"; message?: string } | { kind: "cancel" };

/**
 * opencode reads and writes the disk and never sees unsaved buffers; its edit tools also compute
 * the new content before they ask, so allowing after a save would still write over the saved text
 * (measured in the integration test). For a file with unsaved changes the user chooses: save and
 * have the agent redo the edit on what they see (a reject with that instruction), allow anyway
 * (the buffer stays unsaved; saving it later overwrites the agent's edit), or reject.
 */
export async function confirmUnsavedTarget(ask: PermissionRequest, folder: vscode.WorkspaceFolder): Promise<UnsavedChoice> {
  if (ask.permission !== "edit") return { kind: "allow" };
  const file = describePermission(ask, folder.uri.fsPath).filepath;
  const doc = file && unsavedDocument(file);
  if (!doc) return { kind: "allow" };
  const name = vscode.workspace.asRelativePath(doc.uri, false);
  const pick = await vscode.window.showQuickPick([
    { label: "$(save) Save, and have the agent redo its edit on your version", id: "redo" as const, detail: "saves the file; the agent is told to read it again and redo the change" },
    { label: "$(warning) Allow anyway", id: "anyway" as const, detail: "opencode writes the file on disk; your unsaved changes stay in the editor, and saving them would overwrite its edit" },
    { label: "$(close) Reject", id: "reject" as const },
  ], { title: `${name} has unsaved changes opencode cannot see`, ignoreFocusOut: true });
  if (!pick) return { kind: "cancel" };
  if (pick.id === "anyway") return { kind: "allow" };
  if (pick.id === "reject") return { kind: "reject" };
  if (!(await doc.save())) {
    void vscode.window.showWarningMessage(`opencode: ${name} could not be saved; the edit is still waiting for your decision.`);
    return { kind: "cancel" };
  }
  return { kind: "reject", message: `The user had unsaved changes in ${name} and has saved them now. Read the file again and redo this edit on its current content.` };
}
