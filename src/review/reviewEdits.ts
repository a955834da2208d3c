import * as path from "node:path";
import * as vscode from "vscode";
import { revertHunk, userEditsIn, withEol, type Hunk } from "./engine/turnChanges";
import { changesOf, currentOf, eolOf, findHunk, sidesOf, statusOf, type ReviewFile } from "./reviewFile";

/** What to undo in one file: one change (named by its first lines), or all of them. */
export type UndoTarget = { file: ReviewFile; hunk?: { line: number; baseLine: number } };

/**
 * Undoes changes as ONE WorkspaceEdit (one step of the editor's own Undo), computed on the current
 * buffers: only the changed ranges are replaced, so the user's typing elsewhere stays. When a change
 * holds some of the user's own typing, they confirm first. A document that had no unsaved changes
 * is saved after, so the disk (which opencode reads) is back too; one with unsaved typing is left
 * unsaved, as it was. Returns false when the user cancelled or nothing could be applied.
 */
export async function undoChanges(targets: readonly UndoTarget[], apply: (e: vscode.WorkspaceEdit) => Thenable<boolean>): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  const toSave: vscode.TextDocument[] = [];
  const touched: string[] = [];
  for (const t of targets) {
    const f = t.file;
    let c = currentOf(f);
    if (c.text === undefined) {
      // Deleted by the agent: written back whole.
      if (f.baseline !== undefined) edit.createFile(f.uri, { contents: Buffer.from(f.baseline, "utf8"), ignoreIfExists: true });
      continue;
    }
    // Positions come from the document; opening one reads the file without showing it.
    const doc = c.doc ?? await vscode.workspace.openTextDocument(f.uri);
    c = { text: doc.getText(), doc, eol: eolOf(doc) };
    const all = changesOf(f, c);
    const chosen = t.hunk ? [findHunk(all, t.hunk.line, t.hunk.baseLine)].filter((h): h is Hunk => !!h) : all;
    if (!chosen.length) continue;
    const s = sidesOf(f, c);
    const result = [...chosen].reverse().reduce((text, h) => revertHunk(s.base, text, h), s.text);
    const after = f.after === undefined ? "" : withEol(f.after, c.eol);
    if (statusOf(f, c) === "added" && result === "") {
      // A new file undone whole goes away, rather than staying empty.
      if (s.text !== after) touched.push(label(f));
      edit.deleteFile(f.uri, { ignoreIfNotExists: true });
      continue;
    }
    if (chosen.some(h => userEditsIn(after, s.text, h))) touched.push(label(f));
    for (const h of chosen) edit.replace(f.uri, new vscode.Range(doc.positionAt(h.current.start), doc.positionAt(h.current.end)), s.base.slice(h.base.start, h.base.end));
    if (!doc.isDirty) toSave.push(doc);
  }
  if (edit.size === 0) return false;
  if (touched.length) {
    const go = await vscode.window.showWarningMessage(`Undo also discards your own edits inside opencode's changes in ${touched.join(", ")}.`,
      { modal: true, detail: "Only the changed ranges are put back; your edits elsewhere in the file stay. The editor's Undo brings it all back." }, "Undo Anyway");
    if (go !== "Undo Anyway") return false;
  }
  if (!(await apply(edit))) return false;
  // Not by isDirty: the extension host learns of the edit's dirty state only after applyEdit returns.
  for (const doc of toSave) if (!doc.isClosed) await doc.save();
  return true;
}

const label = (f: ReviewFile) => path.basename(f.uri.fsPath);
