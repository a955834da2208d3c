import * as path from "node:path";
import * as vscode from "vscode";
import { withEol } from "./engine/turnChanges";
import type { DiffDocuments } from "../host/diffDocuments";
import { currentOf, type ReviewFile } from "./reviewFile";

/**
 * VS Code's multi-file diff editor (`vscode.changes`) over `files`: each one's baseline, as a
 * read-only document, against the file itself, so the right side is the live, editable buffer. A
 * file the agent created is diffed against an empty side, a deleted one shows an empty right side.
 */
export async function openChanges(docs: DiffDocuments, files: readonly ReviewFile[], title: string): Promise<void> {
  if (!files.length) return void vscode.window.showInformationMessage("opencode: no changes to review.");
  const shown: vscode.Uri[] = [];
  const resources = files.map(f => {
    const c = currentOf(f);
    const name = path.basename(f.uri.fsPath);
    const original = docs.add(name, "before-opencode", f.baseline === undefined ? "" : withEol(f.baseline, c.eol));
    shown.push(original);
    const modified = c.text === undefined ? docs.add(name, "deleted", "") : f.uri;
    if (c.text === undefined) shown.push(modified);
    return [f.uri, original, modified] as [vscode.Uri, vscode.Uri, vscode.Uri];
  });
  // The baseline documents the last multi-file diff showed are freed when the next one opens.
  docs.replaceGroup("review", shown);
  await vscode.commands.executeCommand("vscode.changes", title, resources);
}
