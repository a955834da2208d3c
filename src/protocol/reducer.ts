// The pure model of one folder's conversations: `reduce(state, action)` applies one SSE event or one
// REST load. No I/O, no clock. See state.ts for who owns the state and why it is changed in place.
// It absorbs opencode 1.18.33's quirks: part snapshots override deltas,
// deltas for unknown parts are dropped, a second `session.idle` changes nothing, and an error that
// arrives after the first idle still lands on the session and on its message.
import type { KnownEvent } from "./events";
import type { Session, SessionStatus } from "./session";
import type { Message } from "./message";
import type { Part } from "./parts";
import type { PermissionRequest, QuestionRequest } from "./ask";
import type { MessageWithParts } from "./rest";
import {
  deleteSession, findMessage, findSession, locate, messageId, sessionFor,
  type FolderState, type MessageState, type SessionState,
} from "./state";
import { markInterrupted } from "./interrupted";
import { carryParts, findPart, putPart } from "./partOrder";

export type Action =
  | { kind: "event"; event: KnownEvent }
  /** `GET /session`: merged in. Deletions arrive as `session.deleted`; the list may be paged. */
  | { kind: "sessions"; sessions: Session[] }
  /** `GET /session/status`: the run status of every session; unlisted sessions are idle. */
  | { kind: "statuses"; statuses: Record<string, SessionStatus> }
  /**
   * `GET /session/{id}/message`: replaces the session's messages (missed `message.removed` events
   * included), keeping only newer messages that events added while the request was in flight. If the
   * session is not busy as far as the state knows (after a reconnect, load `statuses` first), what is
   * left unfinished is flagged `interrupted` (see markInterrupted).
   */
  | { kind: "messages"; sessionID: string; messages: MessageWithParts[] }
  /** `GET /permission` + `GET /question` after a (re)connect: replaces every pending ask. */
  | { kind: "pending"; permissions: PermissionRequest[]; questions: QuestionRequest[] };

/** Applies one action to `state` in place and returns it. Never throws on any decoded event. */
export function reduce(state: FolderState, action: Action): FolderState {
  switch (action.kind) {
    case "event": applyEvent(state, action.event); break;
    case "sessions": for (const info of action.sessions) setInfo(state, info); break;
    case "statuses":
      for (const id of Object.keys(action.statuses)) sessionFor(state, id);
      for (const session of Object.values(state.sessions)) {
        setStatus(session, Object.hasOwn(action.statuses, session.id) ? action.statuses[session.id] : { type: "idle" });
      }
      break;
    case "messages": loadMessages(state, action.sessionID, action.messages); break;
    case "pending": replacePending(state, action.permissions, action.questions); break;
    default: exhaustive(action);
  }
  return state;
}

function applyEvent(state: FolderState, event: KnownEvent): void {
  switch (event.type) {
    case "server.connected": case "server.heartbeat": case "file.edited": return;
    case "session.created": case "session.updated": return setInfo(state, event.properties.info);
    case "session.deleted": return deleteSession(state, event.properties.info.id);
    case "session.status": return withSession(state, event.properties.sessionID, s => setStatus(s, event.properties.status));
    case "session.idle": return withSession(state, event.properties.sessionID, s => setStatus(s, { type: "idle" }));
    case "session.error": {
      const { sessionID, error = { name: "UnknownError" } } = event.properties;
      if (sessionID === undefined) state.lastError = error;
      else withSession(state, sessionID, s => { s.lastError = error; });
      return;
    }
    case "session.diff": return withSession(state, event.properties.sessionID, s => { s.diff = event.properties.diff; });
    case "message.updated": return withSession(state, event.properties.info.sessionID, s => upsertMessage(s, event.properties.info));
    case "message.removed": return removeMessage(findSession(state, event.properties.sessionID), event.properties.messageID);
    case "message.part.updated": return upsertPart(state, event.properties.part);
    case "message.part.delta": {
      const { sessionID, messageID, partID, field, delta } = event.properties;
      const part = findPart(findMessage(findSession(state, sessionID), messageID), partID);
      // Only text is streamed in 1.18.33; a field this build does not know waits for the snapshot.
      if (field === "text" && (part?.type === "text" || part?.type === "reasoning")) part.text += delta;
      return;
    }
    case "permission.asked": return withSession(state, event.properties.sessionID, s => upsertAsk(s.permissions, event.properties));
    case "permission.replied": return removeAsk(findSession(state, event.properties.sessionID)?.permissions, event.properties.requestID);
    case "question.asked": return withSession(state, event.properties.sessionID, s => upsertAsk(s.questions, event.properties));
    case "question.replied": case "question.rejected":
      return removeAsk(findSession(state, event.properties.sessionID)?.questions, event.properties.requestID);
    case "todo.updated": return withSession(state, event.properties.sessionID, s => { s.todos = event.properties.todos; });
    default: exhaustive(event);
  }
}

/** The compiler checks that every case is handled; at run time an unexpected value is ignored. */
function exhaustive(_: never): void {}

function withSession(state: FolderState, id: string, apply: (session: SessionState) => void): void {
  const session = sessionFor(state, id);
  if (session) apply(session);
}

function setInfo(state: FolderState, info: Session): void {
  withSession(state, info.id, s => { s.info = info; });
}

function setStatus(session: SessionState, status: SessionStatus): void {
  // idle → busy starts a new turn, so the previous turn's error is no longer news. Errors arrive
  // before and after the first idle of their turn, never after the next busy.
  if (status.type === "busy" && session.status.type === "idle") session.lastError = undefined;
  session.status = status;
}

function upsertMessage(session: SessionState, info: Message): void {
  const at = locate(session.messages, info.id, messageId);
  // The server still speaks about this message, so it was not left behind by a restart.
  if (at.found) session.messages[at.index] = carryParts(session.messages[at.index], { info });
  else session.messages.splice(at.index, 0, { info, parts: [] });
}

function removeMessage(session: SessionState | undefined, messageID: string): void {
  const at = session && locate(session.messages, messageID, messageId);
  if (session && at?.found) session.messages.splice(at.index, 1);
}

/** A part of a message not seen yet is dropped: the server sends `message.updated` first. */
function upsertPart(state: FolderState, part: Part): void {
  const message = findMessage(findSession(state, part.sessionID), part.messageID);
  if (message) putPart(message, part);
}

function upsertAsk<T extends { id: string }>(asks: T[], ask: T): void {
  const i = asks.findIndex(a => a.id === ask.id);
  if (i >= 0) asks[i] = ask;
  else asks.push(ask);
}

function removeAsk(asks: { id: string }[] | undefined, requestID: string): void {
  const i = asks ? asks.findIndex(a => a.id === requestID) : -1;
  if (asks && i >= 0) asks.splice(i, 1);
}

function loadMessages(state: FolderState, sessionID: string, loaded: MessageWithParts[]): void {
  const session = sessionFor(state, sessionID);
  if (!session) return;
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const messages: MessageState[] = loaded
    .map(m => ({ info: m.info, parts: [...m.parts].sort(byId) }))
    .sort((a, b) => byId(a.info, b.info));
  const newest = messages.at(-1)?.info.id;
  const inFlight = newest === undefined ? [] : session.messages.filter(m => m.info.id > newest);
  session.messages = [...messages, ...inFlight];
  if (session.status.type === "idle") markInterrupted(state, sessionID);
}

function replacePending(state: FolderState, permissions: PermissionRequest[], questions: QuestionRequest[]): void {
  for (const session of Object.values(state.sessions)) {
    session.permissions = [];
    session.questions = [];
  }
  for (const ask of permissions) withSession(state, ask.sessionID, s => upsertAsk(s.permissions, ask));
  for (const ask of questions) withSession(state, ask.sessionID, s => upsertAsk(s.questions, ask));
}
