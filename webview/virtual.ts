// A small Preact binding for @tanstack/virtual-core (its React adapter is the same ~30 lines):
// one Virtualizer per component, options refreshed on each render, a re-render on its onChange.
import { useLayoutEffect, useReducer, useRef } from "preact/hooks";
import {
  Virtualizer, elementScroll, measureElement, observeElementOffset, observeElementRect, type VirtualizerOptions,
} from "@tanstack/virtual-core";

type Options = Pick<VirtualizerOptions<HTMLElement, HTMLElement>, "count" | "getScrollElement" | "estimateSize" | "getItemKey" | "overscan" | "initialOffset">
  & { onScroll?: (v: Virtualizer<HTMLElement, HTMLElement>) => void };

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
  else ref.current.setOptions(full);
  const v = ref.current;
  useLayoutEffect(() => v._didMount(), [v]);
  useLayoutEffect(() => v._willUpdate());
  return v;
}
