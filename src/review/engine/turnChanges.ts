// Pure: the changed regions between a file's baseline (its text before the agent's turn) and its
// current text (the editor buffer, or the disk when no editor has it), and the texts that keeping or
// undoing one region produces. Undo works on the CURRENT text, so the user's own edits elsewhere in
// the buffer survive it; `rebase` folds those edits into the baseline so they are never shown (or
// undone) as the agent's.
import { diffLines } from "diff";

/** A half-open range of character offsets. */
type Span = { start: number; end: number };

/**
 * One changed region. `base` and `current` are character offsets into the baseline and the current
 * text; the line fields are 0-based first lines and line counts on each side. A pure deletion has
 * `lines` 0 and `line` at the line that now follows the removed text; a pure insertion `baseLines` 0.
 */
export type Hunk = { base: Span; current: Span; baseLine: number; baseLines: number; line: number; lines: number };

/** Line diffs of huge, very different texts can take long; past this the file is one region. */
const diffTimeoutMs = 1_000;

/**
 * The changed regions, in order. Lines compare with their line break, so a last line that lost or
 * gained its newline is a change, and undoing it restores the exact bytes.
 */
export function hunks(baseline: string, current: string): Hunk[] {
  if (baseline === current) return [];
  const changes = diffLines(baseline, current, { timeout: diffTimeoutMs });
  if (!changes) return [wholeText(baseline, current)];
  const out: Hunk[] = [];
  let b = 0, c = 0, bl = 0, cl = 0;
  let open: Hunk | undefined;
  for (const ch of changes) {
    const count = ch.count ?? lineCount(ch.value);
    if (!ch.added && !ch.removed) {
      open = undefined;
      b += ch.value.length; c += ch.value.length; bl += count; cl += count;
      continue;
    }
    if (!open) out.push(open = { base: { start: b, end: b }, current: { start: c, end: c }, baseLine: bl, baseLines: 0, line: cl, lines: 0 });
    if (ch.removed) { b += ch.value.length; bl += count; open.base.end = b; open.baseLines += count; }
    else { c += ch.value.length; cl += count; open.current.end = c; open.lines += count; }
  }
  return out;
}

/** The current text with `h` put back to what the baseline had there: the text an Undo leaves. */
export function revertHunk(baseline: string, current: string, h: Hunk): string {
  return current.slice(0, h.current.start) + baseline.slice(h.base.start, h.base.end) + current.slice(h.current.end);
}

/** The baseline with `h` accepted: after a Keep the region is no longer a change. */
export function keepHunk(baseline: string, current: string, h: Hunk): string {
  return baseline.slice(0, h.base.start) + current.slice(h.current.start, h.current.end) + baseline.slice(h.base.end);
}

/** An edit of the current text: `length` characters at `offset` replaced by `text` (as VS Code reports one). */
type TextChange = { offset: number; length: number; text: string };

/**
 * The baseline after the user changed the current text `before` by `change`, so that the change is
 * not a region to review: the same edit applied to the baseline at the matching place. Undefined when
 * the change overlaps a region (then it belongs to that region: an Undo there discards it, which
 * `userEditsIn` lets the caller warn about). A change that only borders a region is the user's.
 */
export function rebase(baseline: string, before: string, change: TextChange): string | undefined {
  const end = change.offset + change.length;
  let shift = 0; // baseline offset minus current offset in the unchanged stretch the change is in
  for (const h of hunks(baseline, before)) {
    if (touches(h.current, change.offset, end)) return undefined;
    if (h.current.end <= change.offset) shift = h.base.end - h.current.end;
  }
  return baseline.slice(0, change.offset + shift) + change.text + baseline.slice(end + shift);
}

/**
 * Whether an edit of [from, to) (an insertion when equal) reaches into the region `s`: it overlaps
 * it, or inserts strictly inside it. At a pure deletion's point only an insertion right there, or a
 * replacement across it, does; one ending or starting there maps to one side of the removed text.
 */
function touches(s: Span, from: number, to: number): boolean {
  if (s.start === s.end) return from === to ? from === s.start : from < s.start && to > s.start;
  return from < s.end && to > s.start;
}

/**
 * Whether the user's own edits since the agent wrote the file (`agent`, its text after the turn)
 * reach into `h`, a region of the current text: undoing it would then discard some of their typing.
 */
export function userEditsIn(agent: string, current: string, h: Hunk): boolean {
  return hunks(agent, current).some(u => touches(h.current, u.current.start, u.current.end));
}

/** The text with every line break as `eol`: VS Code keeps one line-break style per document. */
export function withEol(text: string, eol: "\n" | "\r\n"): string {
  return text.replace(/\r?\n/g, eol);
}

function lineCount(s: string): number {
  if (s === "") return 0;
  const breaks = s.split("\n").length - 1;
  return s.endsWith("\n") ? breaks : breaks + 1;
}

function wholeText(baseline: string, current: string): Hunk {
  return { base: { start: 0, end: baseline.length }, current: { start: 0, end: current.length }, baseLine: 0, baseLines: lineCount(baseline), line: 0, lines: lineCount(current) };
}
