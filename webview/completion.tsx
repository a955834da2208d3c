// Composer completion: `@file` anywhere at a word start, `/command` at the very start of the prompt.
// The host ranks (src/chat/completions.ts); the webview asks once typing pauses (80 ms), keeps at
// most one request in flight (a newer query waits for it, then goes out), and drops any answer
// that is not for the request in flight, so a slow answer never overwrites a newer one.
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { signal } from "@preact/signals";
import { post } from "./host";

export type Item = { label: string; detail?: string; insert: string };
/** The typed `@query` or `/query` around the caret: text[start, end) is what an accepted item replaces. */
export type Trigger = { kind: "file" | "command"; start: number; end: number; query: string };

/** The open popup; undefined when closed (no trigger, no items, or dismissed with Escape). */
export const popup = signal<{ items: Item[]; active: number } | undefined>(undefined);
export const listboxId = "composer-completions";
export const optionId = (i: number) => `${listboxId}-${i}`;

const debounceMs = 80;
/** A host that never answers (an error on its side) must not block later requests for good. */
const answerTimeoutMs = 5_000;

let seq = 0;
let debounce: ReturnType<typeof setTimeout> | undefined;
let inFlight: { id: string; kind: Trigger["kind"]; start: number; timer: ReturnType<typeof setTimeout> } | undefined;
let queued: Trigger | undefined;
let current: Trigger | undefined;
/** The trigger Escape closed: it stays closed until the caret leaves it. */
let dismissed: { kind: Trigger["kind"]; start: number } | undefined;

/** The trigger the caret is in, if any. Pure. */
export function findTrigger(text: string, caret: number): Trigger | undefined {
  const before = text.slice(0, caret);
  if (before.startsWith("/") && !/\s/.test(before)) return { kind: "command", start: 0, end: wordEnd(text, caret), query: before.slice(1) };
  const at = before.lastIndexOf("@");
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]))) return undefined;
  const query = before.slice(at + 1);
  if (!query || /\s/.test(query)) return undefined;
  return { kind: "file", start: at, end: wordEnd(text, caret), query };
}

function wordEnd(text: string, caret: number): number {
  const m = /\s/.exec(text.slice(caret));
  return m ? caret + m.index : text.length;
}

/** Called after every edit or caret move: asks for the trigger under the caret, or closes. */
export function updateCompletion(text: string, caret: number): void {
  const t = findTrigger(text, caret);
  if (dismissed && !(t && t.kind === dismissed.kind && t.start === dismissed.start)) dismissed = undefined;
  if (!t || dismissed) return close();
  if (current && current.kind === t.kind && current.start === t.start && current.query === t.query) return;
  current = t;
  clearTimeout(debounce);
  debounce = setTimeout(() => ask(t), debounceMs);
}

function ask(t: Trigger): void {
  if (inFlight) { queued = t; return; }
  const requestId = `complete-${++seq}`;
  const timer = setTimeout(() => { inFlight = undefined; flush(); }, answerTimeoutMs);
  inFlight = { id: requestId, kind: t.kind, start: t.start, timer };
  post({ type: "complete", requestId, kind: t.kind, query: t.query });
}

function flush(): void {
  const q = queued;
  queued = undefined;
  if (q && current) ask(q);
}

/** The host's `completions`. Anything but the answer to the request in flight is stale. */
export function onCompletions(requestId: string, items: Item[]): void {
  if (!inFlight || inFlight.id !== requestId) return;
  const req = inFlight;
  clearTimeout(req.timer);
  inFlight = undefined;
  if (queued) return flush();
  if (!current || current.kind !== req.kind || current.start !== req.start) return;
  popup.value = items.length ? { items, active: 0 } : undefined;
}

/** Closes the popup and forgets the trigger; an answer still in flight will be dropped. */
export function close(): void {
  clearTimeout(debounce);
  debounce = undefined;
  queued = undefined;
  current = undefined;
  if (popup.peek()) popup.value = undefined;
}

/** A new prompt (sent, or replaced from the history): forgets the Escape too. */
export function reset(): void {
  dismissed = undefined;
  close();
}

/** Escape: closed until the caret leaves this `@`/`/` word. */
export function dismiss(): void {
  if (current) dismissed = { kind: current.kind, start: current.start };
  close();
}

export function move(delta: 1 | -1): void {
  const p = popup.peek();
  if (!p) return;
  popup.value = { ...p, active: (p.active + delta + p.items.length) % p.items.length };
}

/**
 * The text after accepting item `index` at the caret: the typed word is replaced by `insert`, and
 * a file mention gets a space after it so typing goes on outside the mention.
 */
export function accept(text: string, caret: number, index: number): { text: string; caret: number; item: Item } | undefined {
  const item = popup.peek()?.items[index];
  const t = findTrigger(text, caret);
  close();
  if (!item || !t) return undefined;
  const after = text.slice(t.end);
  const insert = item.insert.endsWith(" ") || after.startsWith(" ") ? item.insert : `${item.insert} `;
  return { text: text.slice(0, t.start) + insert + after, caret: t.start + insert.length, item };
}

/** The popup above the prompt; options take no focus, the prompt keeps it (aria-activedescendant). */
export function CompletionPopup({ onPick }: { onPick: (index: number) => void }): JSX.Element | null {
  const p = popup.value;
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => { list.current?.querySelector(".completion.active")?.scrollIntoView({ block: "nearest" }); }, [p?.active, p?.items]);
  if (!p) return null;
  return (
    <ul ref={list} id={listboxId} class="completions" role="listbox" aria-label="Suggestions">
      {p.items.map((it, i) => (
        <li key={`${i}:${it.insert}`} id={optionId(i)} role="option" aria-selected={i === p.active} class={i === p.active ? "completion active" : "completion"}
          onMouseDown={e => e.preventDefault()} onMouseMove={() => { if (popup.peek()?.active !== i) popup.value = { ...p, active: i }; }}
          onClick={() => onPick(i)}>
          <span class="completion-label">{it.label}</span>
          {it.detail && <span class="completion-detail">{it.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
