import * as vscode from "vscode";
import { hunks, withEol, type Hunk } from "./engine/turnChanges";
import { readNow } from "./engine/toolBaselines";

/** One file the agent changed whose changes the user has not all kept or undone yet. */
export type ReviewFile = {
  readonly uri: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder;
  /** The top-level session whose turn changed it. */
  readonly sessionID: string;
  /** The user message of the oldest turn whose changes to it are still under review. */
  since: string;
  /**
   * The text Undo goes back to (undefined: the file did not exist). Keep moves the kept change into
   * it, and the user's own typing outside the changes is folded in (turnChanges.rebase).
   */
  baseline: string | undefined;
  /** The file as the agent left it (undefined: deleted), to tell the user's typing from the agent's. */
  after: string | undefined;
  /** The changes as last computed (refresh), for the lenses, the decorations and the counts. */
  hunks: Hunk[];
};

type Eol = "\n" | "\r\n";

/** What the review compares with: the editor buffer when a document has the file, else the disk. */
type Current = { text: string | undefined; doc?: vscode.TextDocument; eol: Eol };

export const eolOf = (doc: vscode.TextDocument): Eol => (doc.eol === vscode.EndOfLine.CRLF ? "\r\n" : "\n");

function documentOf(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
}

export function currentOf(f: ReviewFile): Current {
  const doc = documentOf(f.uri);
  if (doc) return { text: doc.getText(), doc, eol: eolOf(doc) };
  const text = readNow(f.uri.fsPath);
  return { text, eol: text?.includes("\r\n") ? "\r\n" : "\n" };
}

/**
 * Baseline and current text, in the current text's line breaks: a document keeps one style, so a
 * baseline read from disk is compared (and restored) in the document's.
 */
export function sidesOf(f: ReviewFile, c: Current): { base: string; text: string } {
  return { base: f.baseline === undefined ? "" : withEol(f.baseline, c.eol), text: c.text ?? "" };
}

export const changesOf = (f: ReviewFile, c: Current): Hunk[] => {
  if (f.baseline === undefined && c.text === undefined) return [];
  const s = sidesOf(f, c);
  // An added file emptied is still a change (it exists); a deleted file too, until restored.
  if (s.base === s.text && (f.baseline === undefined) !== (c.text === undefined)) return [{ base: { start: 0, end: 0 }, current: { start: 0, end: 0 }, baseLine: 0, baseLines: 0, line: 0, lines: 0 }];
  return hunks(s.base, s.text);
};

type FileStatus = "added" | "deleted" | "modified";
export const statusOf = (f: ReviewFile, c: Current): FileStatus => (f.baseline === undefined ? "added" : c.text === undefined ? "deleted" : "modified");

/** The hunk a lens or a command names: by its first lines on both sides, else the one holding `line`. */
export function findHunk(list: readonly Hunk[], line: number, baseLine: number): Hunk | undefined {
  return list.find(h => h.line === line && h.baseLine === baseLine) ?? list.find(h => line >= h.line && line < h.line + Math.max(1, h.lines));
}
