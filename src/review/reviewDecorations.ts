import * as vscode from "vscode";
import { currentOf, sidesOf, type ReviewFile } from "./reviewFile";

/** The lines each decoration covers in one editor, 0-based (what the integration tests read back). */
type AppliedDecorations = { added: number[]; removed: number[] };

/**
 * The agent's changes in the editors: added and rewritten lines get the diff editor's inserted-line
 * background and a gutter bar; where lines were removed, a gutter mark and a rule above the line that
 * follows (below the last line for removals at the end), with the removed text on hover. Theme
 * colors, so they follow the user's theme.
 */
export class ReviewDecorations {
  readonly #added: vscode.TextEditorDecorationType;
  readonly #removed: vscode.TextEditorDecorationType;
  readonly #removedAtEnd: vscode.TextEditorDecorationType;
  readonly #applied = new Map<string, AppliedDecorations>();

  constructor(extensionUri: vscode.Uri) {
    const icon = (name: string) => vscode.Uri.joinPath(extensionUri, "media", name);
    const removedRule = { borderColor: new vscode.ThemeColor("editorGutter.deletedBackground"), borderStyle: "solid",
      gutterIconPath: icon("review-removed.svg"), gutterIconSize: "contain", overviewRulerColor: new vscode.ThemeColor("editorOverviewRuler.deletedForeground"),
      overviewRulerLane: vscode.OverviewRulerLane.Left, isWholeLine: true };
    this.#added = vscode.window.createTextEditorDecorationType({
      isWholeLine: true, backgroundColor: new vscode.ThemeColor("diffEditor.insertedLineBackground"),
      gutterIconPath: icon("review-added.svg"), gutterIconSize: "contain",
      overviewRulerColor: new vscode.ThemeColor("editorOverviewRuler.addedForeground"), overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.#removed = vscode.window.createTextEditorDecorationType({ ...removedRule, borderWidth: "1px 0 0 0" });
    this.#removedAtEnd = vscode.window.createTextEditorDecorationType({ ...removedRule, borderWidth: "0 0 1px 0" });
  }

  /** Draws `file`'s changes in `editor`, or clears them when the file has no review. */
  render(editor: vscode.TextEditor, file: ReviewFile | undefined): void {
    const added: vscode.DecorationOptions[] = [], removed: vscode.DecorationOptions[] = [], atEnd: vscode.DecorationOptions[] = [];
    if (file) {
      const c = currentOf(file);
      const base = sidesOf(file, c).base;
      const last = Math.max(0, editor.document.lineCount - 1);
      for (const h of file.hunks) {
        const gone = h.baseLines ? removedText(base.slice(h.base.start, h.base.end), h.baseLines) : undefined;
        for (let l = h.line; l < h.line + h.lines && l <= last; l++) {
          added.push({ range: new vscode.Range(l, 0, l, 0), hoverMessage: l === h.line ? gone : undefined });
        }
        if (!h.baseLines || h.lines) continue;
        // A pure removal has no line of its own: mark the line after it, or the last one.
        const line = Math.min(h.line, last);
        (h.line > last ? atEnd : removed).push({ range: new vscode.Range(line, 0, line, 0), hoverMessage: gone });
      }
    }
    editor.setDecorations(this.#added, added);
    editor.setDecorations(this.#removed, removed);
    editor.setDecorations(this.#removedAtEnd, atEnd);
    const key = editor.document.uri.toString();
    if (file) this.#applied.set(key, { added: added.map(d => d.range.start.line), removed: [...removed, ...atEnd].map(d => d.range.start.line) });
    else this.#applied.delete(key);
  }

  applied(uri: vscode.Uri): AppliedDecorations | undefined { return this.#applied.get(uri.toString()); }

  dispose(): void {
    this.#added.dispose();
    this.#removed.dispose();
    this.#removedAtEnd.dispose();
  }
}

function removedText(text: string, lines: number): vscode.MarkdownString {
  const fence = "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map(m => m[0].length + 1)));
  const md = new vscode.MarkdownString(`opencode removed ${lines} line${lines === 1 ? "" : "s"} here:\n\n${fence}\n${text.replace(/\r?\n$/, "")}\n${fence}`);
  md.isTrusted = false;
  return md;
}
