// <Markdown text streaming?> renders model output safely and incrementally.
//
// Posting: the component sends openLink / openFile / insertCode through ONE module-level poster.
// Call `setPoster(m => vscode.postMessage(m))` once at startup (main.ts does); it also installs the
// single delegated click listener. Until then, clicks are dropped with a console warning.
//
// Pipeline (webview/markdown/): blocks.ts splits the text at stable block boundaries; each finished
// block goes through marked → DOMPurify → DOM decoration once (memoised by content); only the
// trailing block, which is still growing while `streaming`, is re-parsed on a delta. Code blocks of
// finished blocks are highlighted later, off the critical path (highlight.ts).
import { useLayoutEffect, useMemo, useRef } from "preact/hooks";
import { BlockSplitter } from "./markdown/blocks";
import { highlightIn } from "./markdown/highlight";
import { mergeDefs } from "./markdown/parse";
import { blockKey, defsMemoised, renderFresh, renderMemo } from "./markdown/render";

export { setPoster } from "./markdown/actions";

export type MarkdownProps = {
  text: string;
  /** The text is still growing: its last block is re-parsed on every update and not highlighted yet. */
  streaming?: boolean;
};

export function Markdown({ text, streaming = false }: MarkdownProps) {
  const splitter = useMemo(() => new BlockSplitter(), []);
  const trailing = useRef<{ key: string; fragment: DocumentFragment } | undefined>(undefined);
  const blocks = splitter.split(text);
  const finished = streaming ? blocks.length - 1 : blocks.length;
  // Finished blocks never change while the text grows, so their vnodes are built once per new
  // finished block, not per delta: the work of a delta stays proportional to the trailing block.
  const done = useMemo(() => {
    const list = blocks.slice(0, finished);
    // Reference definitions of finished blocks only: a definition still being typed would re-render every block per delta.
    const defs = mergeDefs(list.map(defsMemoised));
    const defsKey = Object.keys(defs).length ? JSON.stringify(defs) : "";
    const nodes = list.map((block, i) => (block ? <Block key={i} fragment={renderMemo(block, defs, blockKey(block, defsKey))} done /> : null));
    return { defs, defsKey, nodes };
  // The splitter keeps only the blocks before the last as finished text, so a replaced (not grown)
  // text of one block leaves its generation as it was: the last finished block is a dependency too.
  }, [splitter.generation, finished, finished === blocks.length ? blocks[finished - 1] : ""]);
  const last = finished < blocks.length ? blocks[blocks.length - 1] : "";
  let tail = null;
  if (last) {
    const key = blockKey(last, done.defsKey);
    if (trailing.current?.key !== key) trailing.current = { key, fragment: renderFresh(last, done.defs) };
    tail = <Block key={finished} fragment={trailing.current.fragment} done={false} />;
  }
  return <div class="md">{done.nodes}{tail}</div>;
}

/** One block's DOM: its children are replaced only when its fragment changes (a re-render is one empty div diff). */
function Block({ fragment, done }: { fragment: DocumentFragment; done: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current!;
    el.replaceChildren(fragment.cloneNode(true));
    if (done) highlightIn(el);
  }, [fragment, done]);
  return <div class="md-block" ref={ref} />;
}
