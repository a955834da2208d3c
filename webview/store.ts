// The webview's model: PanelInfo in a signal, and the session in view inside a FolderState that the
// shared reducer (src/protocol/reducer) changes in place, exactly as the host's copy is changed.
// Because the reducer mutates, signals cannot see the changes; after each batch the store bumps
// only the counters the batch touched, so a streamed delta re-renders one message, not the list.
// A long session arrives as its newest page; older messages are asked for after each paint and
// prepended (src/shared/paging.ts).
//
// After a reload the store starts from the conversation the webview saved (restore), marked as
// restoring, until the host's `state` has the session loaded. What is shown is saved again as it
// changes: at once, or at most once a second while a reply streams.
import { batch, computed, signal, type Signal } from "@preact/signals";
import { reduce, type Action } from "../src/protocol/reducer";
import { messageOfEvent } from "../src/protocol/sessionOf";
import { createFolderState, findSession, type FolderState, type MessageState, type SessionState } from "../src/protocol/state";
import type { SessionStatus, Todo } from "../src/protocol/session";
import type { HistoryMessage, PanelInfo, SavedScreen, SessionView } from "../src/shared/messages";
import { prependHistory } from "../src/shared/paging";
import { savedScreen, screenChars } from "../src/shared/savedScreen";
import { post, saveState } from "./host";
import { estimateRow } from "./rowHeight";

export const panel = signal<PanelInfo | undefined>(undefined);
/** The session in view (id, and its parent for sub-agent sessions); undefined when there is none. */
export const view = signal<{ sessionID: string; parentID?: string } | undefined>(undefined);
/** Bumped after any change to the session in view: the header and status area read it. */
export const sessionTick = signal(0);
/** Bumped when messages were added, removed or replaced: the list of rows changed. */
export const listTick = signal(0);
/** Bumped when any message may have changed (a full state or a REST load): every row re-renders. */
export const epoch = signal(0);
export const status = signal<SessionStatus>({ type: "idle" });
/** Busy covers `retry` too: the turn is still running, and the host would refuse a revert. */
export const busy = computed(() => status.value.type !== "idle");
export const todos = signal<Todo[]>([]);
/** The message a revert went back to; it and later messages are undone until the next prompt. */
export const revertID = signal<string | undefined>(undefined);
/** The conversation shown is the one saved before a reload; the host's copy has not arrived yet. */
export const restoring = signal(false);
/** The host has the session in view selected but not loaded yet (its server is starting). */
export const loading = signal(false);

let folder: FolderState = createFolderState();
const versions = new Map<string, Signal<number>>();
/** The `before` of the older messages still to ask for (the oldest message held); undefined: none are missing. */
let missing: string | undefined;

/** A message's own change counter; a row reads it to re-render when (only when) its message changes. */
export function messageVersion(id: string): Signal<number> {
  let v = versions.get(id);
  if (!v) versions.set(id, (v = signal(0)));
  return v;
}

export function currentSession(): SessionState | undefined {
  const v = view.peek();
  return v ? findSession(folder, v.sessionID) : undefined;
}

export function messageAt(index: number): MessageState | undefined {
  return currentSession()?.messages[index];
}

/** Cheap fingerprint of the row set: the reducer keeps messages sorted, so count + ends change with it. */
function shape(s: SessionState | undefined): string {
  const m = s?.messages ?? [];
  return `${m.length}:${m[0]?.info.id ?? ""}:${m.at(-1)?.info.id ?? ""}`;
}

function publishSession(): void {
  const s = currentSession();
  status.value = s?.status ?? { type: "idle" };
  todos.value = s?.todos ?? [];
  revertID.value = s?.info?.revert?.messageID;
  sessionTick.value++;
}

export function setPanel(p: PanelInfo): void {
  panel.value = p;
  persist();
}

/**
 * What the webview saved before a reload, shown until the host has the session (setState). Until
 * then nothing is saved (what was saved is what is shown) and nothing is asked of the host.
 */
export function restore(screen: SavedScreen): void {
  replace({ ...screen.panel, server: { kind: "starting", detail: "Restoring the conversation" }, queue: [] }, screen.view);
  restoring.value = true;
}

/**
 * A full `state` message: everything is replaced, every row re-renders. While restoring, a state
 * still `loading` the restored session (the server is not back yet) only updates the panel.
 */
export function setState(p: PanelInfo, v: SessionView | undefined, loadingID?: string): void {
  if (restoring.peek() && loadingID !== undefined && loadingID === view.peek()?.sessionID && !p.empty) {
    panel.value = p;
    return;
  }
  batch(() => {
    restoring.value = false;
    loading.value = loadingID !== undefined;
    replace(p, v);
  });
  persist(true);
  askAfterPaint();
}

function replace(p: PanelInfo, v: SessionView | undefined): void {
  batch(() => {
    folder = createFolderState();
    if (v) folder.sessions[v.sessionID] = v.session;
    versions.clear();
    panel.value = p;
    view.value = v ? { sessionID: v.sessionID, parentID: v.parentID } : undefined;
    publishSession();
    listTick.value++;
    epoch.value++;
  });
  missing = v?.older ? v.session.messages[0]?.info.id : undefined;
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** While a reply streams, the screen is saved at most this often (it is serialised whole each time). */
const saveEveryMs = 1_000;

/** Saves the selection and the screen: at once, or within a second while the session is busy (unless `now`). */
function persist(now = false): void {
  if (restoring.peek()) return;
  if (busy.peek() && !now) {
    saveTimer ??= setTimeout(saveNow, saveEveryMs);
    return;
  }
  clearTimeout(saveTimer);
  saveNow();
}

function saveNow(): void {
  saveTimer = undefined;
  const p = panel.peek(), v = view.peek(), s = currentSession();
  const screen = p && v && s?.messages.length && !p.empty
    ? savedScreen(p, v, s, { height: 2 * Math.max(window.innerHeight, 600), chars: screenChars, estimate: estimateRow })
    : undefined;
  saveState(screen ? { folder: p?.folder, sessionID: v?.sessionID, screen } : { folder: p?.folder, sessionID: v?.sessionID });
}

/**
 * Asks for the next older messages once the rows on screen are painted, so they never wait for
 * history; a hidden webview paints nothing and asks when shown. Stale by then (a new state,
 * another chunk): asks nothing.
 */
function askAfterPaint(): void {
  const sessionID = view.peek()?.sessionID, before = missing;
  if (!sessionID || !before) return;
  requestAnimationFrame(() => setTimeout(() => {
    if (missing === before && view.peek()?.sessionID === sessionID) post({ type: "history", sessionID, before });
  }, 0));
}

/**
 * Older messages, prepended. Rows on screen keep their place (the list anchors on a row by key)
 * and their parsed markdown (no epoch bump). Returns them (the announcer treats them as heard), or
 * undefined when stale.
 */
export function applyHistory(m: HistoryMessage): HistoryMessage["messages"] | undefined {
  if (restoring.peek()) return undefined;
  const s = currentSession();
  if (!s || s.id !== m.sessionID || missing !== m.before) return undefined;
  s.messages = prependHistory(s.messages, m.before, m.messages);
  missing = m.older ? m.messages[0]?.info.id : undefined;
  listTick.value++;
  askAfterPaint();
  return m.messages;
}

/** The ids of the messages an action changes; undefined when it may change any of them. */
function touched(a: Action): string[] | undefined {
  if (a.kind !== "event") return a.kind === "messages" ? undefined : [];
  const id = messageOfEvent(a.event);
  return id === undefined ? [] : [id];
}

/**
 * A batch of host reducer actions. Returns the ids of the messages it changed (all of them as
 * undefined), for the announcer.
 */
export function applyActions(sessionID: string, actions: Action[]): Set<string> | undefined {
  // The host's next state covers what it did before it: the restored copy is not its copy.
  if (restoring.peek() || view.peek()?.sessionID !== sessionID) return new Set();
  const before = shape(currentSession());
  let ids: Set<string> | undefined = new Set();
  for (const a of actions) {
    reduce(folder, a);
    const t = touched(a);
    if (!t) ids = undefined;
    else if (ids) for (const id of t) ids.add(id);
  }
  batch(() => {
    publishSession();
    if (shape(currentSession()) !== before || !ids) listTick.value++;
    if (!ids) epoch.value++;
    else for (const id of ids) if (versions.has(id)) versions.get(id)!.value++;
  });
  persist();
  return ids;
}

/** Text waiting in the composer; the host's `composer` message adds to it. */
export const composerText = signal("");
/** Bumped to ask the composer to take focus. */
export const composerFocus = signal(0);

export function insertIntoComposer(text: string): void {
  const cur = composerText.peek();
  composerText.value = cur && !cur.endsWith("\n") ? `${cur}\n${text}` : cur + text;
  composerFocus.value++;
}
