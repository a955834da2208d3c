// The conversation a chat webview keeps in its webview state (VS Code's getState/setState), so that
// after a reload it is on screen at once instead of after the server restarts and the session
// loads. Bounded, since VS Code stores it and the webview writes it while a reply streams: the
// newest messages that fill the view, at most `chars` characters of JSON in all, the newest one cut
// down when it alone is larger.
import type { MessageState, SessionState } from "../protocol/state";
import type { PanelInfo, SavedPanel, SavedScreen } from "./messages";

export type ScreenBudget = {
  /** Pixels of rows to keep: enough to fill the view once it opens at its end. */
  height: number;
  /** Characters of JSON, all messages together. */
  chars: number;
  /** A row's height before it is measured (the list's own estimate). */
  estimate(m: MessageState): number;
};

/** About 200 KB: a screenful of ordinary messages is far less; a huge tool output gets cut. */
export const screenChars = 200_000;
/** How long a string of a message that alone is over budget stays. */
const cutAt = 2_000;

export function savedScreen(panel: PanelInfo, view: { sessionID: string; parentID?: string }, session: SessionState, b: ScreenBudget): SavedScreen {
  const saved: SavedPanel = { folders: panel.folders };
  for (const k of ["folder", "banner", "model", "agent"] as const) if (panel[k] !== undefined) saved[k] = panel[k];
  if (panel.contextLimit !== undefined) saved.contextLimit = panel.contextLimit;
  // Idle: what was running is not running in what is shown, and nothing pending is offered.
  const copy: SessionState = { id: session.id, info: session.info, status: { type: "idle" }, messages: newest(session.messages, b), todos: [], permissions: [], questions: [], diff: [] };
  if (!session.info) delete copy.info;
  return { panel: saved, view: view.parentID ? { sessionID: view.sessionID, parentID: view.parentID, session: copy } : { sessionID: view.sessionID, session: copy } };
}

/** The newest messages within the budget, oldest first: at least one (cut down if need be), when there are any. */
export function newest(messages: readonly MessageState[], b: ScreenBudget): MessageState[] {
  const out: MessageState[] = [];
  let chars = 0, height = 0;
  for (let i = messages.length - 1; i >= 0 && height < b.height; i--) {
    const m = messages[i];
    const size = JSON.stringify(m).length;
    if (chars + size > b.chars) {
      if (!out.length) out.push(cut(m, b.chars));
      break;
    }
    out.push(m);
    chars += size;
    height += b.estimate(m);
  }
  return out.reverse();
}

/** A copy of `m` with long strings shortened, then only its newest parts that fit in `chars`. */
export function cut(m: MessageState, chars: number): MessageState {
  const short = JSON.parse(JSON.stringify(m, (_k, v: unknown) => (typeof v === "string" && v.length > cutAt ? `${v.slice(0, cutAt)}…` : v))) as MessageState;
  let size = JSON.stringify(short.info).length + 32;
  const parts: MessageState["parts"] = [];
  for (let i = short.parts.length - 1; i >= 0; i--) {
    const s = JSON.stringify(short.parts[i]).length + 1;
    if (size + s > chars) break;
    parts.push(short.parts[i]);
    size += s;
  }
  return { ...short, parts: parts.reverse() };
}
