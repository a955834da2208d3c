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

export function stateOf(messages: MessageState[]): HostMessage {
  const view: SessionView = {
    sessionID: "ses_1",
    session: { id: "ses_1", status: { type: "idle" }, messages, todos: [], permissions: [], questions: [], diff: [] },
  };
  return { type: "state", panel, view };
}

/** Renders one assistant message and waits until its markdown is in the DOM. */
export async function showMarkdown(bench: WebviewBench, text: string, streaming = false): Promise<void> {
  await bench.post(stateOf([assistant("msg_1", text, streaming)]));
  await bench.page.waitForSelector(".md .md-block", { state: "attached" });
}
