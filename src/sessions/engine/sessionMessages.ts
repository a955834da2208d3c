// Reading a whole session from the server, decoded with the protocol's schemas.
import type { OpencodeApi } from "../../protocol/api";
import { decodeList, MessageWithParts } from "../../protocol/rest";
import { Session } from "../../protocol/session";

/**
 * Every message of the session, oldest first. opencode 1.18.33 answers `GET …/message` without
 * `limit` with all of them; its `before` is a cursor it does not hand out in the body (a message
 * id there is a 400), so there is no page to ask for. A message a newer server shapes differently
 * is dropped rather than failing the whole transcript.
 */
export async function allMessages(api: OpencodeApi, sessionID: string): Promise<MessageWithParts[]> {
  return decodeList(MessageWithParts, await api.messages(sessionID)).items;
}

/** The session's info; a 404 (deleted, or another folder's) rejects with HttpError. */
export async function sessionInfo(api: OpencodeApi, sessionID: string): Promise<Session> {
  return Session.parse(await api.getSession(sessionID));
}

/** The folder's top-level conversations (no sub-agent sessions), most recently updated first. */
export async function conversations(api: OpencodeApi): Promise<Session[]> {
  return decodeList(Session, await api.listSessions()).items.filter(s => !s.parentID).sort((a, b) => b.time.updated - a.time.updated);
}
