import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { Action } from "../protocol/reducer";
import type { DiffDocuments } from "../host/diffDocuments";
import { unsavedDocument } from "./unsaved";

/**
 * The agent wrote a file the user has unsaved changes in. VS Code keeps the buffer (the user's
 * typing is never dropped) and a later save would silently overwrite the agent's edit, so say so
 * and offer the disk-vs-buffer diff to merge by hand.
 */
export function warnOnDirtyWrite(action: Action, folder: vscode.WorkspaceFolder, docs: DiffDocuments): void {
  if (action.kind !== "event" || action.event.type !== "file.edited") return;
  const file = path.resolve(folder.uri.fsPath, action.event.properties.file);
  const doc = unsavedDocument(file);
  if (!doc) return;
  const name = vscode.workspace.asRelativePath(doc.uri, false);
  void vscode.window.showWarningMessage(`opencode changed ${name} on disk while it has unsaved changes here. Saving would overwrite opencode's edit.`, "Compare")
    .then(choice => {
      if (choice !== "Compare") return;
      let disk = "";
      try { disk = fs.readFileSync(file, "utf8"); } catch { /* deleted since: compare against empty */ }
      const left = docs.add(path.basename(file), "on-disk", disk);
      return vscode.commands.executeCommand("vscode.diff", left, doc.uri, `${path.basename(file)}: on disk (opencode) ↔ your unsaved changes`);
    });
}
