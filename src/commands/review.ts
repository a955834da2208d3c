import * as vscode from "vscode";
import type { Lazy } from "../common/lazy";
import type { EditReview } from "../review/editReview";

/**
 * Keep / Undo of the agents' changes and the multi-file review. The review exists from a folder's
 * first conversation on; before that there is nothing to review. The palette commands cover every
 * file under review; the chat panel covers its own session (through EditReview directly).
 */
export function registerReviewCommands(review: Lazy<EditReview>): vscode.Disposable[] {
  const nothing = () => void vscode.window.showInformationMessage("opencode: no changes to review.");
  /** Editor-title and lens commands get the file's URI; from the palette, the active editor's. */
  const target = (uri: unknown) => (uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri);
  const fileOf = (uri: unknown) => { const u = target(uri); return u && review.peek()?.file(u); };
  return [
    vscode.commands.registerCommand("opencode.reviewChanges", () => {
      const r = review.peek();
      return r?.files().length ? r.review(r.files(), "opencode: changes to review") : nothing();
    }),
    vscode.commands.registerCommand("opencode.keepAll", () => { const r = review.peek(); return r?.files().length ? r.keepFiles(r.files()) : nothing(); }),
    vscode.commands.registerCommand("opencode.undoAll", () => { const r = review.peek(); return r?.files().length ? r.undoFiles(r.files()) : nothing(); }),
    vscode.commands.registerCommand("opencode.keepFile", (uri?: unknown) => { const f = fileOf(uri); return f ? review.peek()!.keepFiles([f]) : nothing(); }),
    vscode.commands.registerCommand("opencode.undoFile", (uri?: unknown) => { const f = fileOf(uri); return f ? review.peek()!.undoFiles([f]) : nothing(); }),
    vscode.commands.registerCommand("opencode.keepHunk", (uri: unknown, line: unknown, baseLine: unknown) =>
      uri instanceof vscode.Uri && typeof line === "number" && typeof baseLine === "number" ? review.peek()?.keepHunk(uri, line, baseLine) : undefined),
    vscode.commands.registerCommand("opencode.undoHunk", (uri: unknown, line: unknown, baseLine: unknown) =>
      uri instanceof vscode.Uri && typeof line === "number" && typeof baseLine === "number" ? review.peek()?.undoHunk(uri, line, baseLine) : undefined),
  ];
}
