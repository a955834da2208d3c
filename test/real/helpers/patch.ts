/**
 * The text before a unified patch, from the text after it: each hunk's context and added lines (at
 * its "+start") are replaced by its context and removed lines. opencode's diffs carry no before
 * contents, so this is how a test (or an Undo) gets them back. Only what opencode 1.18.33 emits:
 * "\ No newline at end of file" markers are not handled.
 */
export function textBeforePatch(after: string, patch: string): string {
  const lines = after.split("\n");
  const out: string[] = [];
  let next = 0;                                    // index in `lines` of the first line not yet copied
  const hunkLines = patch.split("\n");
  for (let i = 0; i < hunkLines.length; i++) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(hunkLines[i]);
    if (!header) continue;
    const newCount = header[2] === undefined ? 1 : Number(header[2]);
    const newStart = newCount === 0 ? Number(header[1]) : Number(header[1]) - 1;
    out.push(...lines.slice(next, newStart));
    next = newStart + newCount;
    for (i++; i < hunkLines.length && /^[ +\-\\]/.test(hunkLines[i]); i++) {
      if (hunkLines[i][0] === " " || hunkLines[i][0] === "-") out.push(hunkLines[i].slice(1));
    }
    i--;
  }
  out.push(...lines.slice(next));
  return out.join("\n");
}
