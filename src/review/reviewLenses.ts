import * as vscode from "vscode";
import type { ReviewFile } from "./reviewFile";

/** What the lenses read: the file under review, and when reviews change (EditReview). */
type LensSource = { readonly onDidChange: vscode.Event<void>; file(uri: vscode.Uri): ReviewFile | undefined };

/**
 * Keep / Undo above each of the agent's changes, and for the whole file at its top, in documents
 * under review. The commands name a change by its first lines on both sides, and re-find it in the
 * current text when run (the buffer may have moved on since the lenses were drawn).
 */
export class ReviewLenses implements vscode.CodeLensProvider {
  readonly #registration: vscode.Disposable;
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly review: LensSource) {
    this.onDidChangeCodeLenses = review.onDidChange;
    this.#registration = vscode.languages.registerCodeLensProvider({ scheme: "file" }, this);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const f = this.review.file(doc.uri);
    if (!f) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const n = f.hunks.length;
    const lenses = [
      new vscode.CodeLens(top, { title: `$(check-all) Keep File (opencode: ${n} change${n === 1 ? "" : "s"})`, command: "opencode.keepFile", arguments: [doc.uri] }),
      new vscode.CodeLens(top, { title: "$(discard) Undo File", command: "opencode.undoFile", arguments: [doc.uri] }),
    ];
    const last = Math.max(0, doc.lineCount - 1);
    for (const h of f.hunks) {
      const at = new vscode.Range(Math.min(h.line, last), 0, Math.min(h.line, last), 0);
      const what = h.lines && h.baseLines ? "changed" : h.lines ? "added" : "removed";
      lenses.push(
        new vscode.CodeLens(at, { title: `$(check) Keep`, tooltip: `Keep the lines opencode ${what} here`, command: "opencode.keepHunk", arguments: [doc.uri, h.line, h.baseLine] }),
        new vscode.CodeLens(at, { title: `$(discard) Undo`, tooltip: `Put back what was here before opencode ${what} it`, command: "opencode.undoHunk", arguments: [doc.uri, h.line, h.baseLine] }),
      );
    }
    return lenses;
  }

  dispose(): void { this.#registration.dispose(); }
}
