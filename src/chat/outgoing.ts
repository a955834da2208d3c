// A prompt between the composer and opencode. opencode records it as a user message only once its
// server is up and has looked the model up, which on a first start (or offline, where opencode
// first waits for its model catalogue) takes seconds: the chat shows the text meanwhile, so the
// prompt never looks lost. Pure: the chat controller owns one and feeds it the folder's actions.
import type { Action } from "../protocol/reducer";
import type { SessionState } from "../protocol/state";

export type Outgoing = {
  readonly text: string;
  /** Undefined until the first prompt of a new conversation has created its session. */
  readonly sessionID: string | undefined;
  /** The session's user messages when the prompt left: a new one is this prompt. */
  readonly known: ReadonlySet<string>;
};

function userMessages(session: SessionState | undefined): Set<string> {
  return new Set((session?.messages ?? []).filter(m => m.info.role === "user").map(m => m.info.id));
}

export function outgoing(text: string, sessionID: string | undefined, session: SessionState | undefined): Outgoing {
  return { text, sessionID, known: userMessages(session) };
}

/**
 * The chat now shows `sessionID`. A new conversation's prompt moves to the session it just
 * created; the prompt of a session the user navigated away from is no longer shown (it still goes
 * out, and its own session shows it). Undefined: no longer shown here.
 */
export function followSelect(o: Outgoing, sessionID: string | undefined, session: SessionState | undefined): Outgoing | undefined {
  if (o.sessionID === sessionID) return o;
  return o.sessionID === undefined && sessionID ? outgoing(o.text, sessionID, session) : undefined;
}

/**
 * Whether opencode has taken the prompt over: its user message arrived (the conversation shows it
 * from now on), or the turn failed before it could record one (the error shows instead).
 */
export function taken(o: Outgoing, session: SessionState | undefined, action: Action): boolean {
  if (!o.sessionID || !session || session.id !== o.sessionID) return false;
  if (action.kind === "event" && action.event.type === "session.error") return true;
  return session.messages.some(m => m.info.role === "user" && !o.known.has(m.info.id));
}
