import type { KnownEvent } from "./events";
import type { Action } from "./reducer";

/**
 * Pure: the session an event is about, or undefined for server-wide events. A panel forwards only
 * the events of the session it shows.
 */
export function sessionOfEvent(e: KnownEvent): string | undefined {
  switch (e.type) {
    case "server.connected": case "server.heartbeat": case "file.edited": return undefined;
    case "session.created": case "session.updated": case "session.deleted": return e.properties.info.id;
    case "message.updated": return e.properties.info.sessionID;
    case "message.part.updated": return e.properties.part.sessionID;
    default: return e.properties.sessionID;
  }
}

/** Pure: the message an event changes, or undefined for events about no one message. */
export function messageOfEvent(e: KnownEvent): string | undefined {
  switch (e.type) {
    case "message.updated": return e.properties.info.id;
    case "message.removed": case "message.part.delta": return e.properties.messageID;
    case "message.part.updated": return e.properties.part.messageID;
    default: return undefined;
  }
}

/**
 * Pure: the part of a reducer action that concerns one session, or undefined if none does. A view
 * of that session that applies these gets the same session state as the full model: REST loads
 * (the session list, statuses, pending asks after a reconnect) are cut down to it instead of
 * making the host resend the whole conversation.
 */
export function actionForSession(a: Action, sessionID: string): Action | undefined {
  switch (a.kind) {
    case "event": return sessionOfEvent(a.event) === sessionID ? a : undefined;
    case "messages": return a.sessionID === sessionID ? a : undefined;
    case "sessions": {
      const own = a.sessions.filter(s => s.id === sessionID);
      return own.length ? { kind: "sessions", sessions: own } : undefined;
    }
    // Unlisted sessions are idle: an empty map says so for this one too.
    case "statuses": return { kind: "statuses", statuses: Object.hasOwn(a.statuses, sessionID) ? { [sessionID]: a.statuses[sessionID] } : {} };
    case "pending": return { kind: "pending", permissions: a.permissions.filter(p => p.sessionID === sessionID), questions: a.questions.filter(q => q.sessionID === sessionID) };
  }
}
