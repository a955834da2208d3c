// Pure: a file's text before or after a change, from the unified patches opencode records (it keeps no
// before-contents anywhere a client can read). Two sources, measured in test/real/editBaseline.test.ts:
// - the turn diff (GET /session/{id}/diff?messageID=…) has ONE hunk with the whole file as context,
//   so its context and "-" lines are the whole text before the turn;
// - an edit tool's metadata.diff has 4 lines of context: it must be applied backwards to the text
//   after the edit.
import { applyPatch, parsePatch, reversePatch, structuredPatch, type StructuredPatch } from "diff";

/**
 * The text before a turn from its snapshot patch. `current` is the file now (undefined: deleted):
 * when the patch's after-side is all of it, the before-side is the whole baseline; otherwise (the
 * file changed since, or a patch without whole-file context) the patch is applied backwards to it.
 * Undefined when neither works, or `patch` has no hunk.
 */
export function baselineFromSnapshot(patch: string, current: string | undefined): string | undefined {
  const p = single(patch);
  if (!p) return undefined;
  const now = current ?? "";
  if (p.hunks.length > 1 || p.hunks[0].oldStart > 1) return textBefore(now, p);
  const sides = hunkSides(p);
  if (sides.after === now) return sides.before;
  // Whole-file context would not apply to a file changed since: only the changed lines are located.
  return textBefore(now, structuredPatch("a", "b", sides.before, sides.after, "", "", { context: 0 }));
}

/** The text before an edit tool's change, from the text right after it and its unified diff. */
export function textBeforeEdit(after: string, patch: string): string | undefined {
  const p = single(patch);
  return p ? textBefore(after, p) : undefined;
}

/**
 * The file as an edit ask proposes it: the ask's unified diff applied to the current content.
 * Undefined when the diff no longer applies (the file changed since opencode computed it); the
 * caller then shows the diff's hunks alone.
 */
export function proposedContent(current: string, unifiedDiff: string): string | undefined {
  const result = applyPatch(current, unifiedDiff);
  return result === false ? undefined : result;
}

function single(patch: string): StructuredPatch | undefined {
  try {
    const files = parsePatch(patch);
    return files.length === 1 && files[0].hunks.length ? files[0] : undefined;
  } catch {
    return undefined; // not a unified diff: no baseline from it
  }
}

function textBefore(after: string, p: StructuredPatch): string | undefined {
  const r = applyPatch(after, reversePatch(p));
  return r === false ? undefined : r;
}

/**
 * Both sides of the patch's hunks, concatenated: context and "-" lines before, context and "+"
 * after. "\ No newline at end of file" drops the break of the line it follows (on that line's sides).
 */
function hunkSides(p: StructuredPatch): { before: string; after: string } {
  let before = "", after = "";
  for (const h of p.hunks) {
    h.lines.forEach((line, i) => {
      const kind = line[0], body = line.slice(1);
      if (kind !== " " && kind !== "-" && kind !== "+") return;
      const eol = h.lines[i + 1]?.startsWith("\\") ? "" : "\n";
      if (kind !== "+") before += body + eol;
      if (kind !== "-") after += body + eol;
    });
  }
  return { before, after };
}
