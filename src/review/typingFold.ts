// No vscode import: the review's handling of typing is unit-tested in plain Node.
import { rebase, withEol } from "../common/turnChanges";
import { readNow } from "../server/toolBaselines";

/** One replaced range of a change event, in the coordinates of the text before the event. */
export type DocumentEdit = { offset: number; length: number; text: string };

/** A change event of a reviewed document, as far as folding it into the baseline needs. */
export type TypedEvent = {
  /** The file on disk, to tell a reload from typing. */
  file: string;
  /** The document's text before and after the event. */
  before: string;
  now: string;
  edits: readonly DocumentEdit[];
  eol: "\n" | "\r\n";
  /** VS Code named a reason (Undo, Redo): the user's, even when it goes back to the saved text. */
  undoRedo: boolean;
};

/** What the fold changes: a reviewed file's baseline (undefined: the file did not exist). */
export type Baselined = { baseline: string | undefined };

/**
 * The user's typing in a reviewed document, folded into its baseline so it is never shown, or undone,
 * as the agent's. A change event without a reason is typing unless the document now holds what the
 * disk holds: then it was VS Code reloading the file (the agent wrote it again), which is not folded.
 */
export class TypingFold {
  constructor(private readonly read: (file: string) => string | undefined = readNow) {}

  /** Folds one change event into `target.baseline` if it is the user's. */
  add(target: Baselined, e: TypedEvent): void {
    if (target.baseline === undefined) return;
    if (!e.undoRedo && this.#matchesDisk(e)) return;
    target.baseline = fold(target.baseline, e);
  }

  /** When every event added so far is folded. */
  settled(): Promise<void> {
    return Promise.resolve();
  }

  #matchesDisk(e: TypedEvent): boolean {
    const disk = this.read(e.file);
    return disk !== undefined && withEol(disk, e.eol) === e.now;
  }
}

/** Pure: each edit outside the agent's changes made to the baseline too (an edit inside one is left out). */
function fold(baseline: string, e: TypedEvent): string {
  let base = withEol(baseline, e.eol), text = e.before;
  // Each edit is in the coordinates of the text before the event: apply them last first.
  for (const c of [...e.edits].sort((a, b) => b.offset - a.offset)) {
    base = rebase(base, text, c) ?? base;
    text = text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
  }
  return base;
}
