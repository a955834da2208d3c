// The conversation as a virtualised list: one row per message, measured as rendered, so a session
// of thousands of messages renders only the rows in view. It follows the bottom while a reply
// streams, unless the user scrolled up; then a "Jump to latest" button brings them back.
import type { JSX } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { AssistantMessage, partText } from "./assistantMessage";
import { Guard } from "./guard";
import { currentSession, epoch, listTick, loading, messageAt, messageVersion, restoring, revertID, view } from "./store";
import { UserMessage } from "./userMessage";
import { useVirtualizer } from "./virtual";
import type { Virtualizer } from "@tanstack/virtual-core";
import { estimateRow } from "./rowHeight";

type RowProps = { id: string; index: number; first: boolean; last: boolean };

/**
 * Reads its message's version signal, so a batch that touched this message re-renders this row
 * alone; with only primitive props, @preact/signals skips it when the list re-renders.
 */
function Row({ id, index, first, last }: RowProps): JSX.Element | null {
  const v = messageVersion(id).value + epoch.value * 1e9;
  const rev = revertID.value;
  const m = messageAt(index);
  if (!m || m.info.id !== id) return null;
  const reverted = rev !== undefined && id >= rev;
  // The parts have their own boundaries; this one keeps the rest of the list alive if the frame around them fails.
  return (
    <Guard retry={v} what="a message" fallback={() => m.parts.map(partText).join("\n")}>
      {m.info.role === "user"
        ? <UserMessage m={m} v={v} reverted={reverted} />
        : <AssistantMessage m={m} v={v} first={first} last={last} reverted={reverted} />}
    </Guard>
  );
}

export function MessageList(): JSX.Element {
  listTick.value;
  const sessionID = view.value?.sessionID;
  const messages = currentSession()?.messages ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  // Pinned = the user wants to see the end. Reaching the end pins, a move up unpins; a layout
  // change alone (rows grow while streaming, a status line takes room) does neither, and a pinned
  // list then scrolls back down.
  const pin = useRef({ pinned: true, offset: 0 });
  const follow = (vz: Virtualizer<HTMLElement, HTMLElement>) => {
    const p = pin.current;
    const offset = vz.scrollOffset ?? 0;
    // Only a move up unpins: our own scrollToEnd can land short of the end while rows below are
    // still being measured, and must not read as the user leaving the end.
    if (offset !== p.offset) {
      if (vz.isAtEnd(24)) p.pinned = true;
      else if (offset < p.offset) p.pinned = false;
      else if (p.pinned) vz.scrollToEnd();
    } else if (p.pinned && !vz.isAtEnd(24)) vz.scrollToEnd();
    p.offset = offset;
    setAtEnd(p.pinned);
  };
  const v = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: i => estimateRow(messages[i]),
    getItemKey: i => messages[i]?.info.id ?? i,
    overscan: 3,
    // Start at the end: rendering the first rows and then scrolling would parse twice the rows.
    initialOffset: () => messages.reduce((sum, m) => sum + estimateRow(m), 0),
    onScroll: follow,
  });
  // A session opens at its end, where the conversation is; a full state keeps a pinned list there.
  useLayoutEffect(() => {
    pin.current.pinned = true;
    if (messages.length) v.scrollToEnd();
    setAtEnd(true);
  }, [sessionID]);
  useLayoutEffect(() => { if (pin.current.pinned && messages.length) v.scrollToEnd(); }, [epoch.value]);
  // The list's own box shrinks when something appears below it (asks, the review bar, a taller
  // composer). virtual-core reports that only when the visible range changes, so a pinned list
  // would stop short of the end: watch the box itself.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return undefined;
    const seen = new ResizeObserver(() => { if (pin.current.pinned) v.scrollToEnd(); });
    seen.observe(el);
    return () => seen.disconnect();
  }, [messages.length > 0]);

  if (!messages.length) {
    return (
      <div class="list list-empty">
        <p class="hint">{loading.value ? "Loading the conversation…" : "Ask opencode to explain, change or build something in this folder."}</p>
      </div>
    );
  }
  const stale = restoring.value;
  return (
    <div class={stale ? "list-wrap restoring" : "list-wrap"}>
      {/* Over the list, not above it: the rows do not move when it goes. */}
      {stale && <div class="restoring-note" role="status">Restoring: shown as it was, updated when opencode is back</div>}
      <div class="list" ref={scroller} tabIndex={0} aria-label="Conversation" aria-busy={stale ? "true" : undefined}>
        <div class="list-inner" style={{ height: `${v.getTotalSize()}px` }}>
          {v.getVirtualItems().map(item => {
            const m = messages[item.index];
            const prev = messages[item.index - 1];
            return (
              <div key={item.key} class="row" data-index={item.index} ref={v.measureElement} style={{ transform: `translateY(${item.start}px)` }}>
                <Row id={m.info.id} index={item.index} last={item.index === messages.length - 1}
                  first={m.info.role === "assistant" && prev?.info.role !== "assistant"} />
              </div>
            );
          })}
        </div>
      </div>
      {!atEnd && (
        <button type="button" class="jump" aria-label="Jump to the latest message" title="Jump to the latest message"
          onClick={() => { pin.current.pinned = true; v.scrollToEnd(); setAtEnd(true); }}>↓ Jump to latest</button>
      )}
    </div>
  );
}
