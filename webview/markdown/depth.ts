// Caps how deep markdown can nest BEFORE marked sees it. marked's lexer and parser recurse once per
// list, block quote and emphasis level, so `"- ".repeat(2000)` or 5,000 nested `*` overflowed the
// stack (a RangeError) and took the panel down. Nesting past `maxNesting` is flattened: its marker
// is backslash-escaped, so the parser reads it as text and the rest of the line stays a paragraph.
// Pure (no DOM): unit-tested in Node. The error boundary around each part (webview/guard.tsx) is
// the second wall for anything this estimate misses.
//
// Block nesting is estimated per line from the line's own prefix, as an upper bound: every open
// container on a line shows either as a marker there (`>`, `-`, `1.`) or, for a list item opened on
// an earlier line, as at least 2 columns of indentation. So markers + indentation / 2 never
// undercounts, and lines inside a top-level fenced code block are left alone. Inline emphasis
// (`*`, `_`, `~`) is estimated per paragraph: runs that can open add their length, runs that only
// close take it away.

/** Deeper than any answer a model writes (3-4 levels), far below where marked's recursion fails (~1,000). */
export const maxNesting = 16;

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const bullet = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const punct = /[\p{P}\p{S}]/u;
const space = /\s/;

type Inline = Record<"*" | "_" | "~", number>;

/** The text with every marker nested past `max` escaped; text within the limit comes back unchanged. */
export function limitNesting(text: string, max = maxNesting): string {
  // Nothing to nest: the common case costs one scan for the characters that could.
  if (!/[>*+\-_~\d]/.test(text)) return text;
  const lines = text.split("\n");
  let fence: { char: string; len: number } | undefined;
  let inline: Inline = { "*": 0, _: 0, "~": 0 };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      const close = fenceOpen.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.len && !line.slice(close[0].length).trim()) fence = undefined;
      continue;
    }
    const open = fenceOpen.exec(line);
    if (open) {
      fence = { char: open[1][0], len: open[1].length };
      continue;
    }
    if (!line.trim()) {
      inline = { "*": 0, _: 0, "~": 0 }; // emphasis never spans a paragraph break
      continue;
    }
    const { text: limited, at } = limitContainers(line, max);
    lines[i] = limited.slice(0, at) + limitEmphasis(limited.slice(at), max, inline);
  }
  return lines.join("\n");
}

/** Escapes the first container marker past `max`; `at` is where the line's inline content starts. */
function limitContainers(line: string, max: number): { text: string; at: number } {
  let markers = 0, columns = 0, i = 0;
  for (;;) {
    while (line[i] === " " || line[i] === "\t") columns += line[i++] === "\t" ? 4 - (columns % 4) : 1;
    const marker = line[i] === ">" ? ">" : bullet.exec(line.slice(i, i + 11))?.[0];
    if (!marker) return { text: line, at: i };
    if (markers + Math.floor(columns / 2) + 1 > max) {
      // Before the "." of "1." (an escaped digit is still a list marker), before the character of the rest.
      const cut = i + marker.length - 1;
      const text = `${line.slice(0, cut)}\\${line.slice(cut)}`;
      return { text, at: cut };
    }
    markers++;
    i += marker.length;
    // One space after a marker is the marker's own padding, not the indentation of an enclosing item.
    if (line[i] === " ") i++;
  }
}

/** Escapes every emphasis run that would open past `max` levels; `open` carries the paragraph's count. */
function limitEmphasis(text: string, max: number, open: Inline): string {
  let out = "";
  let i = 0;
  const special = /[\\`*_~]/g;
  while (i < text.length) {
    special.lastIndex = i;
    const next = special.exec(text);
    if (!next) { out += text.slice(i); break; }
    out += text.slice(i, next.index);
    i = next.index;
    const c = text[i];
    if (c === "\\") { out += text.slice(i, i + 2); i += 2; continue; }
    if (c === "`") {
      // A code span's content is literal: skip to the closing run of the same length, if the line has one.
      let j = i;
      while (text[j] === "`") j++;
      const tick = text.slice(i, j);
      const close = findRun(text, tick, j);
      const end = close < 0 ? j : close + tick.length;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    let j = i;
    while (text[j] === c) j++;
    const len = j - i;
    const before = text[i - 1] ?? " ", after = text[j] ?? " ";
    const canOpen = !space.test(after) && (!punct.test(after) || space.test(before) || punct.test(before));
    const canClose = !space.test(before) && (!punct.test(before) || space.test(after) || punct.test(after));
    const key = c as keyof Inline;
    let escape = len > max;
    if (!escape && canClose && (open[key] > 0 || !canOpen)) open[key] = Math.max(0, open[key] - len);
    else if (!escape && canOpen) {
      if (open[key] + len > max) escape = true;
      else open[key] += len;
    }
    out += escape ? `\\${c}`.repeat(len) : text.slice(i, j);
    i = j;
  }
  return out;
}

/** Index of a backtick run exactly `tick` long at or after `from`, or -1. */
function findRun(text: string, tick: string, from: number): number {
  for (let k = text.indexOf(tick, from); k >= 0; k = text.indexOf(tick, k + 1)) {
    if (text[k - 1] !== "`" && text[k + tick.length] !== "`") return k;
  }
  return -1;
}
