// One hostile string put in every place text reaches the panel, as the host would send it: the
// header (session title, folder, model, agent), the banner, held prompts, asks (permission and
// question labels), the conversation (prompt text and file chips, markdown, code blocks, reasoning,
// each tool card's inputs, outputs and errors, file names, todos, URLs, message errors), and the
// empty state that replaces it.
import type { Part } from "../../src/protocol/parts";
import type { MessageState } from "../../src/protocol/state";
import type { PanelInfo, SessionView } from "../../src/shared/messages";

const sid = "ses_x";
const tokens = { input: 1, output: 1, reasoning: 0, cache: { read: 0, write: 0 } };
const time = { start: 1, end: 2 };

function tool(n: number, name: string, state: Record<string, unknown>): Part {
  return { id: `prt_t${n}`, sessionID: sid, messageID: "msg_2", type: "tool", tool: name, callID: `call_${n}`, state } as unknown as Part;
}
const done = (input: Record<string, unknown>, p: string, metadata: Record<string, unknown> = {}) =>
  ({ status: "completed", input, output: p, title: p, metadata, time });

export function hostilePanel(p: string): PanelInfo {
  return {
    folders: [{ name: p, path: "/ws" }, { name: "other", path: "/other" }], folder: "/ws", banner: p,
    server: { kind: "running", detail: p }, connection: "connected", queue: [{ id: "q1", text: p }], model: p, agent: p,
    asks: [
      { kind: "permission", id: "per_1", sessionID: sid, title: p, detail: p, always: [p], hasDiff: true },
      { kind: "question", id: "que_1", sessionID: sid, questions: [{ header: p, question: p, multiple: false, custom: true, options: [{ label: p, description: p }, { label: "plain", description: p }] }] },
    ],
  };
}

export function hostileView(p: string): SessionView {
  const userMsg: MessageState = {
    info: { id: "msg_1", sessionID: sid, role: "user", time: { created: 1 } },
    parts: [
      { id: "prt_u1", sessionID: sid, messageID: "msg_1", type: "text", text: `${p} see https://example.com/a and src/${p}.ts:3 ${p}` },
      { id: "prt_u2", sessionID: sid, messageID: "msg_1", type: "file", mime: "text/plain", url: `file:///ws/${p}`, filename: p },
      { id: "prt_u3", sessionID: sid, messageID: "msg_1", type: "file", mime: "text/plain", url: p },
    ] as Part[],
  };
  const text = (n: number, t: string): Part => ({ id: `prt_x${n}`, sessionID: sid, messageID: "msg_2", type: "text", text: t } as Part);
  const reply: MessageState = {
    info: { id: "msg_2", sessionID: sid, role: "assistant", parentID: "msg_1", modelID: p, agent: p, time: { created: 2, completed: 3 }, cost: 0, tokens,
      error: { name: "APIError", data: { message: p, statusCode: 500 } } } as MessageState["info"],
    parts: [
      text(1, p),
      text(2, `\`\`\`${p.split("\n")[0]}\n${p}\n\`\`\`\n\n\`${p.replace(/`/g, "")}\``),
      { id: "prt_r", sessionID: sid, messageID: "msg_2", type: "reasoning", text: p, time } as Part,
      tool(1, "bash", done({ command: p, description: p }, p, { output: p, exit: 1 })),
      tool(2, "edit", done({ filePath: p }, p, { filediff: { file: p, additions: 1, deletions: 1 } })),
      tool(3, "read", done({ filePath: p }, p)),
      tool(4, "grep", done({ pattern: p, path: p }, p)),
      tool(5, "todowrite", done({ todos: [{ content: p, status: "in_progress", priority: "high" }] }, p)),
      tool(6, "question", done({ questions: [{ question: p }] }, p, { answers: [[p]] })),
      tool(7, "task", done({ description: p, subagent_type: p }, p, { sessionId: "ses_child" })),
      tool(8, "webfetch", done({ url: p }, p)),
      tool(9, "webfetch", done({ url: `https://example.com/${p}` }, p)),
      tool(10, `mcp_${p}`, done({ [p]: p, nested: { value: p } }, p)),
      tool(11, "bash", { status: "error", input: { command: p }, error: p, time }),
      tool(12, "write", { status: "running", input: { filePath: `/ws/${p}` }, title: p, time: { start: 1 } }),
      { id: "prt_patch", sessionID: sid, messageID: "msg_2", type: "patch", hash: "h", files: [p, `/ws/${p}`] } as Part,
      { id: "prt_file", sessionID: sid, messageID: "msg_2", type: "file", mime: "text/plain", url: p, filename: p } as Part,
    ],
  };
  return {
    sessionID: sid,
    session: { id: sid, status: { type: "idle" }, messages: [userMsg, reply], todos: [{ content: p, status: "pending", priority: "high" }],
      permissions: [], questions: [], diff: [], info: { id: sid, title: p, directory: "/ws", time: { created: 1, updated: 1 } } } as SessionView["session"],
  };
}

/** The empty state replaces the conversation: its message is model-free but host text, checked too. */
export function hostileEmpty(p: string): PanelInfo {
  return { ...hostilePanel(p), empty: { kind: "serverError", message: p, action: { label: p, command: "opencode.server.showLog" } } };
}
