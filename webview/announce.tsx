// Screen readers hear new assistant text through one polite live region, a few seconds' worth at a
// time: announcing every delta would flood the reader, and history must not be read out on load.
import type { JSX } from "preact";
import { signal } from "@preact/signals";
import { findMessage, type MessageState } from "../src/protocol/state";
import { currentSession } from "./store";

const live = signal("");
/** Per text part: how much of it was announced (or was already there when the view loaded). */
const spoken = new Map<string, number>();
let pending = "";
let timer: ReturnType<typeof setTimeout> | undefined;
const throttleMs = 2000;

/** Marks everything on screen as heard: after a full state or a REST load. */
export function seedAnnouncer(): void {
  spoken.clear();
  markHeard(currentSession()?.messages);
}

/** Older messages (history) are never news. */
export function markHeard(messages: readonly MessageState[] | undefined): void {
  for (const m of messages ?? []) for (const p of m.parts) if (p.type === "text") spoken.set(p.id, p.text.length);
}

/** After a batch: queue the new text of the touched assistant messages; undefined = a reload, seed instead. */
export function noteChanges(ids: Set<string> | undefined): void {
  if (!ids) return seedAnnouncer();
  const s = currentSession();
  for (const id of ids) {
    const m = findMessage(s, id);
    if (m?.info.role !== "assistant") continue;
    for (const p of m.parts) {
      if (p.type !== "text" || p.synthetic) continue;
      const from = spoken.get(p.id) ?? 0;
      // While streaming, stop at the last space so a word is never read in halves.
      const to = p.time?.end !== undefined ? p.text.length : p.text.lastIndexOf(" ") + 1;
      if (to > from) { pending += p.text.slice(from, to); spoken.set(p.id, to); }
    }
  }
  // One timer, only while there is something to say: nothing runs when nothing streams.
  if (pending && timer === undefined) timer = setTimeout(flush, throttleMs);
}

function flush(): void {
  timer = undefined;
  live.value = pending.trim();
  pending = "";
}

export function LiveRegion(): JSX.Element {
  return <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">{live.value}</div>;
}

/** Says `text` at once, not throttled: an ask waits for the user, while reply text can wait for it. */
export function announce(text: string): void {
  live.value = text;
}
