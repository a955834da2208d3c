// No vscode import: the review's handling of typing is unit-tested in plain Node.
import { rebase, withEol } from "./engine/turnChanges";
import { readLater } from "./engine/toolBaselines";

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
 *
 * The disk is read asynchronously, off the keystroke: events wait in order and are folded once it is
 * read, one read per file for all the events that arrived meanwhile (each read still comes after its
 * events, as a read per event would). `settled` says when the baselines are up to date.
 */
export class TypingFold {
  #queue: { target: Baselined; e: TypedEvent }[] = [];
  #running: Promise<void> | undefined;

  constructor(private readonly read: (file: string) => Promise<string | undefined> = readLater) {}

  /** Folds one change event into `target.baseline` if it is the user's, after the events before it. */
  add(target: Baselined, e: TypedEvent): void {
    this.#queue.push({ target, e });
    this.#running ??= this.#pump();
  }

  /** When every event added so far is folded. */
  settled(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async #pump(): Promise<void> {
    try {
      while (this.#queue.length) {
        const batch = this.#queue.splice(0);
        const files = [...new Set(batch.filter(b => !b.e.undoRedo && b.target.baseline !== undefined).map(b => b.e.file))];
        const disk = new Map(await Promise.all(files.map(async f => [f, await this.read(f).catch(() => undefined)] as const)));
        for (const { target, e } of batch) {
          if (target.baseline === undefined) continue;
          const d = disk.get(e.file);
          if (!e.undoRedo && d !== undefined && withEol(d, e.eol) === e.now) continue; // a reload
          target.baseline = fold(target.baseline, e);
        }
      }
    } finally {
      // Set in the same step as the loop's last check: an event added later starts a new pump.
      this.#running = undefined;
    }
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
