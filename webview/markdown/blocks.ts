// Splits streamed markdown into top-level blocks so that each completed block is parsed and
// sanitised once, and a delta only re-parses the last (still growing) block.
//
// A split point must be one where CommonMark itself starts afresh, so that parsing the blocks one
// by one gives the same HTML as parsing the whole text (test/unit/markdownBlocks.test.ts checks a
// corpus). We split only after blank line(s), outside fenced code and outside the HTML blocks that
// run across blank lines (<pre>/<script>/<style>/<textarea>, comments, <?…?>, <!X…>, CDATA), and
// only when the next line starts at column 0 and cannot continue a list above it. Merging is always
// safe (a merged block is just parsed whole), so every doubtful case merges. Link reference
// definitions are document-wide; parse.ts carries them across blocks.
//
// Boundaries are decided on complete lines only: the text after the last "\n" may still grow
// ("1" becomes "1. item"), so it always stays in the trailing block.

const blank = /^[ \t]*$/;
const fenceOpen = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const listItem = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
/** HTML blocks of CommonMark kinds 1-5: they end at a marker, not at a blank line. */
const htmlBlocks: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

type Fence = { char: string; len: number };

/** State of the scan inside the current block. */
class Scan {
  fence: Fence | undefined;
  htmlEnd: RegExp | undefined;
  afterBlank = false;
  hasList = false;

  /** Feeds one complete line; true when the line starts a new block. */
  line(raw: string): boolean {
    const l = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (this.fence) {
      const close = new RegExp(`^ {0,3}${this.fence.char === "`" ? "`" : "~"}{${this.fence.len},}[ \\t]*$`);
      if (close.test(l)) this.fence = undefined;
      return false;
    }
    if (this.htmlEnd) {
      if (this.htmlEnd.test(l)) this.htmlEnd = undefined;
      return false;
    }
    if (blank.test(l)) {
      this.afterBlank = true;
      return false;
    }
    const starts = this.afterBlank && !/^[ \t]/.test(l) && !(this.hasList && listItem.test(l));
    if (starts) this.hasList = false;
    this.afterBlank = false;
    this.open(l);
    return starts;
  }

  /** Whether the line opens a fence or a multi-line HTML block, and notes list items. */
  private open(l: string): void {
    if (listItem.test(l)) this.hasList = true;
    const f = fenceOpen.exec(l);
    if (f && !(f[1][0] === "`" && f[2].includes("`"))) {
      this.fence = { char: f[1][0], len: f[1].length };
      return;
    }
    for (const [start, end] of htmlBlocks) {
      const m = start.exec(l);
      if (m) {
        if (!end.test(l.slice(m[0].length))) this.htmlEnd = end;
        return;
      }
    }
  }
}

/**
 * Splits the text into blocks; joined, they are the text again. The last block is the one that may
 * still grow; all others are final for any text that extends this one.
 */
export function splitBlocks(text: string, from = 0): string[] {
  const blocks: string[] = [];
  const scan = new Scan();
  let start = from;
  let at = from;
  for (let nl = text.indexOf("\n", at); nl !== -1; nl = text.indexOf("\n", at)) {
    if (scan.line(text.slice(at, nl)) && at > start) {
      blocks.push(text.slice(start, at));
      start = at;
    }
    at = nl + 1;
  }
  blocks.push(text.slice(start));
  return blocks;
}

/**
 * Keeps the finished blocks of a growing text, so each update scans only from the start of the
 * trailing block: the work per delta is proportional to the last block, not to the message.
 */
export class BlockSplitter {
  private done: string[] = [];
  private doneText = "";
  /** Changes whenever finished blocks were dropped (the text did not just grow): memos keyed on it expire. */
  generation = 0;

  split(text: string): string[] {
    // Streaming only appends; anything else (an edit, a revert) starts over. startsWith is a memcmp
    // over the finished prefix: microseconds even for long messages, unlike re-parsing it.
    if (!text.startsWith(this.doneText)) {
      this.done = [];
      this.doneText = "";
      this.generation++;
    }
    const rest = splitBlocks(text, this.doneText.length);
    for (const b of rest.slice(0, -1)) {
      this.done.push(b);
      this.doneText += b;
    }
    return [...this.done, rest[rest.length - 1]];
  }
}
