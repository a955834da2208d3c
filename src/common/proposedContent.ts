import { applyPatch } from "diff";

/**
 * The file as an edit ask proposes it: the ask's unified diff applied to the current content.
 * Undefined when the diff no longer applies (the file changed since opencode computed it); the
 * caller then shows the diff's hunks alone.
 */
export function proposedContent(current: string, unifiedDiff: string): string | undefined {
  const result = applyPatch(current, unifiedDiff);
  return result === false ? undefined : result;
}
