import type { KnownEvent } from "./events";

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
