// markdown block → parsed (marked) → sanitised (DOMPurify) → decorated fragment, memoised by
// content for finished blocks. The memo is shared by every message, so re-rendering a transcript
// (a new state, a reloaded panel) re-parses nothing it has seen.
import { decorate } from "./decorate";
import { defsOf, parseBlock, type Defs } from "./parse";
import { sanitizeMarkdown } from "./sanitize";

/** Finished blocks kept; a long session's transcript is a few thousand blocks at most. */
const memoLimit = 2000;
const memo = new Map<string, DocumentFragment>();
const defsMemo = new Map<string, Defs>();

/** A template: callers insert `cloneNode(true)` of it, never the fragment itself. */
export function renderFresh(block: string, defs: Defs): DocumentFragment {
  return decorate(sanitizeMarkdown(parseBlock(block, defs)));
}

/** Memo key: a block that could use a reference link depends on the message's definitions too. */
export function blockKey(block: string, defsKey: string): string {
  return defsKey && block.includes("[") ? `${block}\u0000${defsKey}` : block;
}

export function renderMemo(block: string, defs: Defs, key: string): DocumentFragment {
  let hit = memo.get(key);
  if (hit) {
    // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  hit = renderFresh(block, defs);
  if (memo.size >= memoLimit) memo.delete(memo.keys().next().value!);
  memo.set(key, hit);
  return hit;
}

export function defsMemoised(block: string): Defs {
  let d = defsMemo.get(block);
  if (!d) {
    d = defsOf(block);
    if (defsMemo.size >= memoLimit) defsMemo.delete(defsMemo.keys().next().value!);
    defsMemo.set(block, d);
  }
  return d;
}
