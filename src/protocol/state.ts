// The model of ONE folder's conversations that the reducer builds, and the lookups it uses.
//
// Ownership: the state object belongs to the reducer. `reduce` and `markInterrupted` change it in
// place (deltas append to a part's text thousands of times per turn, so copying would cost), and
// return it. Everyone else treats it as read-only and hands a webview `snapshot(state)`, a deep
// JSON-safe copy. The reducer keeps references to objects inside the events it applied: do not
// mutate an event after reducing it, and expect a stored part's text to grow.
//
// Order: messages of a session and parts of a message are kept sorted by id. opencode's message
// and part ids are ascending (time-ordered), and its own clients sort by them. partOrder.ts keeps
// parts that arrive out of order from costing a shift each.
import type { FileDiff, Session, SessionStatus, Todo } from "./session";
import type { Message, MessageError } from "./message";
import type { Part } from "./parts";
import type { PermissionRequest, QuestionRequest } from "./ask";

/** A part, flagged when a server restart left a tool stuck `pending`/`running`. */
export type PartState = Part & { interrupted?: true };

export type MessageState = {
  info: Message;
  parts: PartState[];
  /** An assistant message that will never complete: no `time.completed`, no error, session idle. */
  interrupted?: true;
};

export type SessionState = {
  id: string;
  /** Absent while the session is known only from events that name it (e.g. before `GET /session`). */
  info?: Session;
  status: SessionStatus;
  /** The last `session.error` of the current or last turn; cleared when a new turn starts. */
  lastError?: MessageError;
  messages: MessageState[];
  todos: Todo[];
  /** Asks waiting for the user, oldest first. opencode's abort leaves them pending on the server. */
  permissions: PermissionRequest[];
  questions: QuestionRequest[];
  /** The last `session.diff`: the changes a revert undid, `[]` otherwise. */
  diff: FileDiff[];
};

export type FolderState = {
  /** By session id. Read with `findSession`, which ignores inherited keys. */
  sessions: Record<string, SessionState>;
  /** A `session.error` that named no session. */
  lastError?: MessageError;
  /**
   * Ids of deleted sessions, newest last, so late events (an error landing after the delete, a
   * pending ask the server kept) do not bring a deleted session back as a stub.
   */
  deletedSessionIDs: string[];
};

/** How many deleted session ids are remembered; late events come within seconds of the delete. */
const deletedMemory = 200;

export function createFolderState(): FolderState {
  return { sessions: Object.create(null) as Record<string, SessionState>, deletedSessionIDs: [] };
}

/** A deep, JSON-safe copy for a webview that (re)connects; it is itself a valid state to reduce. */
export function snapshot(state: FolderState): FolderState {
  return JSON.parse(JSON.stringify(state)) as FolderState;
}

export function findSession(state: FolderState, id: string): SessionState | undefined {
  return Object.hasOwn(state.sessions, id) ? state.sessions[id] : undefined;
}

/** The session, created as a stub if unknown; undefined if it was deleted. */
export function sessionFor(state: FolderState, id: string): SessionState | undefined {
  const known = findSession(state, id);
  if (known || state.deletedSessionIDs.includes(id)) return known;
  const created: SessionState = { id, status: { type: "idle" }, messages: [], todos: [], permissions: [], questions: [], diff: [] };
  state.sessions[id] = created;
  return created;
}

export function deleteSession(state: FolderState, id: string): void {
  delete state.sessions[id];
  if (state.deletedSessionIDs.includes(id)) return;
  state.deletedSessionIDs.push(id);
  if (state.deletedSessionIDs.length > deletedMemory) state.deletedSessionIDs.shift();
}

export const messageId = (m: MessageState): string => m.info.id;
export const ownId = (x: { id: string }): string => x.id;

/**
 * Where `id` is in a list sorted by `key`: its index if present, else the index to insert it at.
 * A binary search, after a look at the last item, since updates almost always hit the newest.
 * `n`: search only the first n items.
 */
export function locate<T>(list: readonly T[], id: string, key: (x: T) => string, n = list.length): { index: number; found: boolean } {
  if (n === 0 || key(list[n - 1]) < id) return { index: n, found: false };
  let lo = 0, hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid]) < id) lo = mid + 1;
    else hi = mid;
  }
  return { index: lo, found: key(list[lo]) === id };
}

export function findMessage(session: SessionState | undefined, messageID: string): MessageState | undefined {
  if (!session) return undefined;
  const at = locate(session.messages, messageID, messageId);
  return at.found ? session.messages[at.index] : undefined;
}
