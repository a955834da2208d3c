import * as fs from "node:fs";
import { textBeforeEdit } from "./patchBaseline";

/** Reads a file's text now; undefined when it does not exist (or cannot be read). */
export type Read = (file: string) => string | undefined;

/**
 * Synchronous on purpose: a read at a tool call's start races the tool's own write (under an allow
 * rule nothing holds the tool), and an await would only lose more often.
 */
export const readNow: Read = file => {
  try { return fs.readFileSync(file, "utf8"); } catch { return undefined; }
};

/** Reads a file's text without blocking; undefined when it does not exist (or cannot be read). */
export const readLater = (file: string): Promise<string | undefined> => fs.promises.readFile(file, "utf8").catch(() => undefined);

/** One write or edit call of a turn, as far as its tool part and ask told. */
export type FileOp = {
  /** Absolute path. */
  file: string;
  /** "write" | "edit"; "" until a tool part named it (an ask can come first). */
  tool: string;
  /** The file read when the call was first seen (undefined: it did not exist). */
  before: string | undefined;
  /** write: whether the file existed (metadata.exists), and what it wrote. */
  exists?: boolean;
  content?: string;
  /** edit: its unified diff (metadata.filediff.patch), 4 lines of context. */
  patch?: string;
  /** Ended in error: it wrote nothing. */
  failed?: boolean;
};

/**
 * Pure: the file's text before a turn's calls on it, walking back from the text after them (`after`,
 * undefined: no file). An edit is undone by applying its diff backwards; a write by what the file
 * held when the call started: nothing if it did not exist, else the read taken then, which is
 * trusted only if it differs from what the write wrote (equal means the read lost the race, or the
 * write changed nothing; either way no baseline can be told from it).
 */
export function baselineFromTools(after: string | undefined, ops: readonly FileOp[]): { ok: true; baseline: string | undefined } | { ok: false; why: string } {
  let text = after;
  for (const op of [...ops].reverse()) {
    if (op.tool === "edit") {
      if (op.patch === undefined) return { ok: false, why: "an edit call without its diff" };
      const before = textBeforeEdit(text ?? "", op.patch);
      if (before === undefined) return { ok: false, why: "an edit's diff does not apply backwards (the file changed since)" };
      text = before;
    } else if (op.tool === "write") {
      if (op.exists === false) { text = undefined; continue; }
      if (op.exists === undefined) return { ok: false, why: "a write call that did not complete" };
      if (op.before === undefined || op.before === op.content) return { ok: false, why: "the file was read only after the write (an allow rule lets the tool write at once)" };
      text = op.before;
    } else {
      return { ok: false, why: `a ${op.tool || "file"} call this extension cannot undo` };
    }
  }
  return { ok: true, baseline: text };
}
