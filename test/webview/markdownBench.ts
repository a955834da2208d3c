// Drives the markdown pipeline in the real webview bundle: builds SessionView objects by hand (the
// shape the host sends in a `state` message) and posts them, as the host would.
import type { HostMessage, PanelInfo, SessionView } from "../../src/shared/messages";
import type { MessageState } from "../../src/protocol/state";
import type { WebviewBench } from "./bench";

const panel: PanelInfo = { folders: [{ name: "api", path: "/work/api" }], folder: "/work/api", server: { kind: "running", detail: "" }, queue: [] };
const tokens = { input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } };

/** An assistant message with one text part; `streaming` leaves time.completed unset. */
export function assistant(id: string, text: string, streaming = false): MessageState {
  return {
    info: { id, sessionID: "ses_1", role: "assistant", time: { created: 1, ...(streaming ? {} : { completed: 2 }) }, cost: 0, tokens },
    parts: [{ id: `prt_${id}`, sessionID: "ses_1", messageID: id, type: "text", text }],
  };
}

export function user(id: string, text: string): MessageState {
  return { info: { id, sessionID: "ses_1", role: "user", time: { created: 1 } }, parts: [{ id: `prt_${id}`, sessionID: "ses_1", messageID: id, type: "text", text }] };
}

/** The session is busy while an assistant message has no completion time, as it would be live. */
export function stateOf(messages: MessageState[]): HostMessage {
  const busy = messages.some(m => m.info.role === "assistant" && m.info.time.completed === undefined);
  const view: SessionView = {
    sessionID: "ses_1",
    session: { id: "ses_1", status: { type: busy ? "busy" : "idle" }, messages, todos: [], permissions: [], questions: [], diff: [] },
  };
  return { type: "state", panel, view };
}

/** What the host sends while a reply streams: a text delta for an `assistant(id, …)` message's part. */
export function delta(id: string, text: string): HostMessage {
  return { type: "actions", sessionID: "ses_1", actions: [{ kind: "event", event: { type: "message.part.delta", properties: { sessionID: "ses_1", messageID: id, partID: `prt_${id}`, field: "text", delta: text } } }] };
}

/** The reply finished: the assistant message gets its completion time. */
export function completed(id: string): HostMessage {
  return { type: "actions", sessionID: "ses_1", actions: [{ kind: "event", event: { type: "message.updated", properties: { sessionID: "ses_1", info: { ...assistant(id, "").info, time: { created: 1, completed: 2 } } } } }] };
}

/** Renders one assistant message and waits until its markdown is in the DOM. */
export async function showMarkdown(bench: WebviewBench, text: string, streaming = false): Promise<void> {
  await bench.post(stateOf([assistant("msg_1", text, streaming)]));
  await bench.page.waitForSelector(".md .md-block", { state: "attached" });
}
