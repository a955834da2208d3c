import * as path from "node:path";
import * as vscode from "vscode";
import { withEol } from "./engine/turnChanges";
import { diffDocuments } from "../chat/diffDocuments";
import { currentOf, type ReviewFile } from "./reviewFile";

/** The baseline documents the last multi-file diff showed, freed when the next one opens. */
let shown: vscode.Uri[] = [];

/**
 * VS Code's multi-file diff editor (`vscode.changes`) over `files`: each one's baseline, as a
 * read-only document, against the file itself, so the right side is the live, editable buffer. A
 * file the agent created is diffed against an empty side, a deleted one shows an empty right side.
 */
export async function openChanges(files: readonly ReviewFile[], title: string): Promise<void> {
  if (!files.length) return void vscode.window.showInformationMessage("opencode: no changes to review.");
  for (const uri of shown) diffDocuments.delete(uri);
  shown = [];
  const resources = files.map(f => {
    const c = currentOf(f);
    const name = path.basename(f.uri.fsPath);
    const original = diffDocuments.add(name, "before-opencode", f.baseline === undefined ? "" : withEol(f.baseline, c.eol));
    shown.push(original);
    const modified = c.text === undefined ? diffDocuments.add(name, "deleted", "") : f.uri;
    if (c.text === undefined) shown.push(modified);
    return [f.uri, original, modified] as [vscode.Uri, vscode.Uri, vscode.Uri];
  });
  await vscode.commands.executeCommand("vscode.changes", title, resources);
}
