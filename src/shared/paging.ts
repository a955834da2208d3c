// How a long session reaches a chat webview. Structured-cloning a 2,000-message session into the
// webview cost more than rendering it, and it all came before the first paint. So a `state` carries
// only the newest page of messages (more than fill a tall panel); once it has painted, the webview
// asks for older messages (`history`), a chunk at a time, each after the previous one painted.
//
// The invariant: the webview holds exactly the host's messages from the floor on (all of them once
// the floor is gone). Actions about older messages are dropped, since the history sent later
// already has their effect, and a REST load is cut to the messages the webview holds. Both sides
// still apply the same reducer (test/unit/paging.test.ts replays every recording through it).
import type { Action } from "../protocol/reducer";
import { locate, messageId, type MessageState, type SessionState } from "../protocol/state";
import { messageOfEvent } from "../protocol/sessionOf";
import type { HistoryMessage, SessionView } from "./messages";

/** A run of messages, bounded both ways: messages carry from one to hundreds of parts. */
export type PageSize = { messages: number; parts: number };

/** What a `state` carries: more rows than fill a tall editor panel, with the virtual list's overscan. */
const firstPage: PageSize = { messages: 40, parts: 400 };
/** One `history` chunk: its clone and its rows' estimates fit in a frame or two. */
const historyChunk: PageSize = { messages: 250, parts: 2500 };

/**
 * Where the newest run of `messages[0, end)` that fits in `size` starts: at least one message,
 * then more while both bounds hold.
 */
export function pageStart(messages: readonly MessageState[], end: number, size: PageSize): number {
  let start = end, parts = 0;
  while (start > 0 && end - start < size.messages) {
    const more = messages[start - 1].parts.length;
    if (start < end && parts + more > size.parts) break;
    parts += more;
    start--;
  }
  return start;
}

/**
 * The host's side, one per webview: it decides what of the session in view the webview gets,
 * and remembers where the webview's copy starts.
 */
export class Pager {
  /** The webview lacks the messages older than this id; undefined: it holds all of them. */
  #floor: string | undefined;
  /** How many messages the webview holds, while it holds all of them. */
  #held = 0;
  /** A `history` request to answer with the next flush. */
  #asked: string | undefined;

  constructor(private readonly first = firstPage, private readonly chunk = historyChunk) {}

  /** The session for a `state`, as a deep copy: its newest page, flagged when older messages were left out. */
  view(sessionID: string, session: SessionState): SessionView {
    const start = pageStart(session.messages, session.messages.length, this.first);
    this.#floor = start > 0 ? session.messages[start].info.id : undefined;
    this.#held = session.messages.length - start;
    this.#asked = undefined;
    const copy = structuredClone({ ...session, messages: session.messages.slice(start) });
    return { sessionID, session: copy, parentID: session.info?.parentID, ...(start > 0 ? { older: true } : {}) };
  }

  /**
   * What the webview gets of an action the host applied to the session in view (`session` is the
   * host's session after it): the action, a REST load cut down to the webview's messages, nothing,
   * or "state" when a new `state` serves better.
   */
  action(a: Action, session: SessionState | undefined): Action | "state" | undefined {
    const total = session?.messages.length ?? 0;
    if (a.kind === "messages") return this.#load(a, total);
    const id = a.kind === "event" ? messageOfEvent(a.event) : undefined;
    if (this.#floor !== undefined && id !== undefined && id < this.#floor) return undefined;
    this.#held = total;
    return a;
  }

  #load(a: Extract<Action, { kind: "messages" }>, total: number): Action | "state" {
    const floor = this.#floor;
    if (floor === undefined) {
      // A load that brings more than a page of messages the webview lacked (the first load of a
      // session opened from the picker) is paged like an open; the webview had little to lose.
      if (total - this.#held > this.first.messages) return "state";
      this.#held = total;
      return a;
    }
    const kept = a.messages.filter(m => m.info.id >= floor);
    // With nothing loaded from the floor on, the reducer would keep the host's newer messages (as
    // in flight) but clear the webview's: resend instead.
    if (!kept.length && a.messages.length) return "state";
    return kept.length === a.messages.length ? a : { ...a, messages: kept };
  }

  /** The webview asks for the messages older than `before`; only the newest request counts. */
  ask(before: string): void {
    if (before === this.#floor) this.#asked = before;
  }

  /** The answer to a pending request, as a deep copy: the next older chunk, and whether more remain. */
  history(sessionID: string, session: SessionState | undefined): HistoryMessage | undefined {
    const before = this.#asked;
    this.#asked = undefined;
    if (before === undefined || before !== this.#floor || !session) return undefined;
    const end = locate(session.messages, before, messageId).index;
    const start = pageStart(session.messages, end, this.chunk);
    this.#floor = start > 0 ? session.messages[start].info.id : undefined;
    this.#held = session.messages.length;
    return { type: "history", sessionID, before, messages: structuredClone(session.messages.slice(start, end)), older: start > 0 };
  }
}

/** The webview's messages after a `history` chunk: the chunk, then what it held from `before` on. */
export function prependHistory(held: readonly MessageState[], before: string, older: readonly MessageState[]): MessageState[] {
  const from = held.findIndex(m => m.info.id >= before);
  return [...older, ...(from < 0 ? [] : held.slice(from))];
}
