// A small Preact binding for @tanstack/virtual-core (its React adapter is the same ~30 lines):
// one Virtualizer per component, options refreshed on each render, a re-render on its onChange.
import { useLayoutEffect, useReducer, useRef } from "preact/hooks";
import {
  Virtualizer, elementScroll, measureElement, observeElementOffset, observeElementRect, type VirtualizerOptions,
} from "@tanstack/virtual-core";

type Options = Pick<VirtualizerOptions<HTMLElement, HTMLElement>, "count" | "getScrollElement" | "estimateSize" | "getItemKey" | "overscan" | "initialOffset">
  & { onScroll?: (v: Virtualizer<HTMLElement, HTMLElement>) => void };

/** Whether the new options only add rows before the old first one (older messages arrived). */
function prepends(prev: VirtualizerOptions<HTMLElement, HTMLElement>, next: Options): boolean {
  const added = next.count - prev.count;
  return prev.count > 0 && added > 0 && next.getItemKey !== undefined && next.getItemKey(added) === prev.getItemKey?.(0);
}

export function useVirtualizer(o: Options): Virtualizer<HTMLElement, HTMLElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const full: VirtualizerOptions<HTMLElement, HTMLElement> = {
    ...o,
    observeElementRect, observeElementOffset, scrollToFn: elementScroll, measureElement,
    // A chat grows at the bottom: keep the end anchored, and follow new rows while at the end.
    anchorTo: "end", followOnAppend: true, scrollEndThreshold: 24,
    onChange: v => { o.onScroll?.(v); rerender(0); },
  };
  const ref = useRef<Virtualizer<HTMLElement, HTMLElement> | undefined>(undefined);
  if (!ref.current) ref.current = new Virtualizer(full);
  else {
    if (prepends(ref.current.options, o)) {
      // virtual-core 3.19.11 keeps a scroll correction that was clamped (the sizer had not grown
      // yet, as rows at the end get measured) and retries it after a prepend, at its offset in the
      // old layout: the list jumps there instead of keeping the row on screen. Starting a scroll
      // command drops such leftovers; dropping the command right away leaves the anchoring to
      // keep the rows in place.
      ref.current.scrollToOffset(ref.current.scrollOffset ?? 0);
      ref.current.cancelScroll();
    }
    ref.current.setOptions(full);
  }
  const v = ref.current;
  useLayoutEffect(() => v._didMount(), [v]);
  useLayoutEffect(() => v._willUpdate());
  return v;
}
