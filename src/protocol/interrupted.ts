// What a server restart mid-turn leaves behind: after the restart the session is
// idle, but the stored assistant message has neither `time.completed` nor an error, its streamed
// text is empty (deltas were not persisted), and a tool waiting for a permission stays `running`
// forever, its permission gone. Nothing will ever finish them, so the view must say so instead of spinning.
import { findSession, type FolderState } from "./state";

/**
 * Flags the unfinished leftovers of `sessionID` as `interrupted: true`: assistant messages with no
 * `time.completed` and no error, and tool parts stuck `pending` or `running`. Call it only for a
 * session that is not busy (a `messages` load does so itself). Like reduce, it changes `state` in
 * place and returns it; a later `message.updated` or part snapshot from the server replaces the
 * flagged object, which clears the flag.
 */
export function markInterrupted(state: FolderState, sessionID: string): FolderState {
  for (const message of findSession(state, sessionID)?.messages ?? []) {
    const info = message.info;
    if (info.role === "assistant" && info.time.completed === undefined && !info.error) message.interrupted = true;
    for (const part of message.parts) {
      if (part.type === "tool" && (part.state.status === "pending" || part.state.status === "running")) part.interrupted = true;
    }
  }
  return state;
}
