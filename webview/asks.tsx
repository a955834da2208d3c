// Pending asks (permissions and questions) of the session in view and its sub-agents, between the
// conversation and the composer, so the user can answer where they read. The host also shows a
// native picker for each; whichever answers first wins, and the host then sends a panel without
// the ask, which is how a card goes away.
import type { JSX } from "preact";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import type { PanelAsk } from "../src/shared/messages";
import { announce } from "./announce";
import { PermissionCard } from "./permissionCard";
import { QuestionCard } from "./questionCard";
import { composerFocus, view } from "./store";

/** Asks already announced; a reload announces the pending ones again, which is what a reader needs then. */
const announced = new Set<string>();

function describe(a: PanelAsk, sub: boolean): string {
  const what = a.kind === "permission" ? `opencode asks: ${a.title}` : `opencode asks a question: ${a.questions[0]?.header || a.questions[0]?.question || ""}`;
  return sub ? `${what}, in a sub-agent` : what;
}

/** Politely announces the asks that were not there before (the live region never takes focus). */
function announceNew(asks: PanelAsk[], inView: string | undefined): void {
  const fresh = asks.filter(a => !announced.has(a.id));
  announced.clear();
  for (const a of asks) announced.add(a.id);
  if (fresh.length) announce(fresh.map(a => describe(a, a.sessionID !== inView)).join(". "));
}

/**
 * Keeps keyboard users in place when an answered card goes away with focus inside it: focus goes
 * to the next card itself (not to one of its buttons, so a repeated Enter cannot answer an ask
 * the user has not read), or back to the composer when none is left. Chromium fires focusout
 * while it removes a focused element, with no relatedTarget, the same as a click on empty space:
 * only a target still in the page afterwards means the user left.
 */
function useKeepFocus(region: { current: HTMLElement | null }, asks: PanelAsk[]) {
  const inside = useRef(false);
  useLayoutEffect(() => {
    if (!inside.current) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) { inside.current = !!region.current?.contains(active); return; }
    const next = region.current?.querySelector<HTMLElement>(".ask");
    if (next) next.focus();
    else { inside.current = false; composerFocus.value++; }
  }, [asks]);
  return {
    onFocusIn: () => { inside.current = true; },
    onFocusOut: (e: FocusEvent) => {
      const to = e.relatedTarget as Node | null;
      const from = e.target as Node;
      if (to) { if (!region.current?.contains(to)) inside.current = false; }
      else queueMicrotask(() => { if (from.isConnected) inside.current = false; });
    },
  };
}

export function Asks({ asks }: { asks: PanelAsk[] }): JSX.Element | null {
  const region = useRef<HTMLElement>(null);
  const inView = view.value?.sessionID;
  useEffect(() => announceNew(asks, inView), [asks, inView]);
  const focus = useKeepFocus(region, asks);
  if (!asks.length) return null;
  return (
    <section ref={region} class="asks" aria-label="Asks from opencode" onFocusIn={focus.onFocusIn} onFocusOut={focus.onFocusOut}>
      {asks.length > 1 && <h2 class="asks-title">{asks.length} asks waiting</h2>}
      {asks.map(a => a.kind === "permission"
        ? <PermissionCard key={a.id} ask={a} sub={a.sessionID !== inView} />
        : <QuestionCard key={a.id} ask={a} sub={a.sessionID !== inView} />)}
    </section>
  );
}
