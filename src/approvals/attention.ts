import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";

/** How recent an edit counts as "the user is typing": a picker opening then would take their keystrokes. */
const typingWindowMs = 1500;

/**
 * Where the user's attention is, so an ask neither steals the keyboard from someone typing nor goes
 * unnoticed by someone looking elsewhere.
 */
export class Attention extends Disposable {
  #lastTyped = 0;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument(e => {
      // Only the user's own typing: a change that leaves a visible editor's document dirty. A reload
      // after a tool wrote the file leaves it clean; undo/redo are the user's too but carry a reason.
      if (e.contentChanges.length && e.document.isDirty && vscode.window.visibleTextEditors.some(ed => ed.document === e.document)) this.#lastTyped = this.now();
    }));
  }

  get typing(): boolean { return this.now() - this.#lastTyped < typingWindowMs; }
  get windowFocused(): boolean { return vscode.window.state.focused; }
}
