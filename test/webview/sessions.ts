// Session states for the webview tests: from the recorded event streams (through the same decoder
// and reducer as the host), a synthetic 2,000-message session, and a hand-made conversation for
// the screenshots that shows every kind of card at once.
import { reduce } from "../../src/protocol/reducer";
import { createFolderState, type MessageState, type SessionState } from "../../src/protocol/state";
import type { KnownEvent } from "../../src/protocol/events";
import type { Part } from "../../src/protocol/parts";
import type { PanelInfo, SessionView } from "../../src/shared/messages";
import { fixtureNames, folderStreams, knownEvents, loadFixture } from "../unit/recordedFixtures";

export const folder = "/home/dev/oc-record/scenarios/ws";
export const panelFor = (over: Partial<PanelInfo> = {}): PanelInfo => ({
  folders: [{ name: "ws", path: folder }], folder, server: { kind: "running", detail: "http://127.0.0.1:4096" },
  connection: "connected", queue: [], model: "anthropic/claude-sonnet-4-5", agent: "build", ...over,
});

/** Every session of every folder stream of every recording, reduced to its final state. */
export function fixtureViews(): { name: string; view: SessionView }[] {
  const out: { name: string; view: SessionView }[] = [];
  for (const name of fixtureNames()) {
    for (const [stream, frames] of folderStreams(loadFixture(name))) {
      const state = createFolderState();
      for (const event of knownEvents(frames)) reduce(state, { kind: "event", event });
      for (const session of Object.values(state.sessions)) {
        out.push({ name: `${name}/${stream}/${session.id}`, view: { sessionID: session.id, session, parentID: session.info?.parentID } });
      }
    }
  }
  return out;
}

/** A recording's session events, split where its first assistant message appears: state before, stream after. */
export function splitAtReply(name: string): { before: SessionView; after: KnownEvent[]; sessionID: string } {
  const f = loadFixture(name);
  const sessionID = f.header.sessionID!;
  const events = knownEvents(f.streams.get("event")!);
  const at = events.findIndex(e => e.type === "message.updated" && e.properties.info.role === "assistant");
  const state = createFolderState();
  for (const event of events.slice(0, at)) reduce(state, { kind: "event", event });
  return { before: { sessionID, session: state.sessions[sessionID] }, after: events.slice(at), sessionID };
}

const sid = "ses_demo";
const t0 = 1_795_282_500_000;
const tokens = (input: number, output: number, reasoning = 0, read = 0, write = 0) => ({ input, output, reasoning, cache: { read, write } });

function session(messages: MessageState[], over: Partial<SessionState> = {}): SessionState {
  return {
    id: sid, status: { type: "idle" }, messages, todos: [], permissions: [], questions: [], diff: [],
    info: { id: sid, title: "Fix the failing date parser test", directory: folder, time: { created: t0, updated: t0 } }, ...over,
  };
}

const pad = (n: number) => String(n).padStart(6, "0");
const user = (n: number, text: string, extra: Part[] = []): MessageState => ({
  info: { id: `msg_${pad(n)}`, sessionID: sid, role: "user", time: { created: t0 + n } },
  parts: [{ id: `prt_${pad(n)}_a`, sessionID: sid, messageID: `msg_${pad(n)}`, type: "text", text }, ...extra],
});
function assistant(n: number, parts: Omit<Part, "id" | "sessionID" | "messageID">[], over: Record<string, unknown> = {}): MessageState {
  const id = `msg_${pad(n)}`;
  return {
    info: { id, sessionID: sid, role: "assistant", agent: "build", modelID: "claude-sonnet-4-5", providerID: "anthropic", cost: 0, tokens: tokens(0, 0),
      time: { created: t0 + n, completed: t0 + n + 1 }, ...over } as MessageState["info"],
    parts: parts.map((p, i) => ({ ...p, id: `prt_${pad(n)}_${String(i).padStart(3, "0")}`, sessionID: sid, messageID: id }) as Part),
  };
}
const tool = (name: string, input: Record<string, unknown>, output: string, metadata: Record<string, unknown> = {}, title = "") =>
  ({ type: "tool", tool: name, callID: `call_${name}`, state: { status: "completed", input, output, metadata, title, time: { start: t0, end: t0 + 5 } } }) as const;
const finish = (input: number, output: number, cost: number, reasoning = 0, read = 0) =>
  ({ type: "step-finish", reason: "stop", cost, tokens: tokens(input, output, reasoning, read) }) as const;

/** The screenshot conversation: text with paths, grouped reads, bash, an edit with counts, todos, an error. */
export function demoView(): SessionView {
  const todos = [
    { content: "Reproduce the failing test", status: "completed", priority: "high" },
    { content: "Fix the timezone offset in parseDate", status: "in_progress", priority: "high" },
    { content: "Add a regression test", status: "pending", priority: "medium" },
  ];
  const messages = [
    user(1, "The date parser test fails on CI. Can you find out why and fix it?"),
    assistant(2, [
      { type: "reasoning", text: "The test probably depends on the local timezone.", time: { start: t0, end: t0 + 1 } },
      tool("todowrite", { todos }, "", { todos }, "3 todos"),
      tool("read", { filePath: `${folder}/src/date.ts` }, "…"),
      tool("read", { filePath: `${folder}/test/date.test.ts` }, "…"),
      tool("grep", { pattern: "getTimezoneOffset", path: `${folder}/src` }, "2 matches"),
      { type: "text", text: "The parser in src/date.ts:42 builds a local Date, so the expected value shifts with the CI machine's timezone. Let me run the test to confirm." },
      tool("bash", { command: "npm test -- --grep parseDate", description: "Run the date tests" },
        "  parseDate\n    1) parses ISO dates as UTC\n\n  0 passing (12ms)\n  1 failing", { output: "  parseDate\n    1) parses ISO dates as UTC\n\n  0 passing (12ms)\n  1 failing", exit: 1 }),
      finish(12_400, 310, 0.0421, 120, 8_200),
    ], { parentID: `msg_${pad(1)}`, finish: "tool-calls" }),
    assistant(3, [
      tool("edit", { filePath: `${folder}/src/date.ts`, oldString: "new Date(y, m, d)", newString: "new Date(Date.UTC(y, m, d))" }, "Edit applied successfully.",
        { filediff: { file: `${folder}/src/date.ts`, additions: 3, deletions: 1 } }, "src/date.ts"),
      { type: "text", text: "Fixed: `parseDate` now uses `Date.UTC`. The test passes in any timezone; see https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Date/UTC" },
      finish(13_900, 95, 0.0113),
    ], { parentID: `msg_${pad(1)}`, finish: "stop", tokens: tokens(13_900, 95) }),
    user(4, "Great, now add a regression test for a date near midnight."),
    assistant(5, [{ type: "text", text: "I'll add a test that runs" }], {
      parentID: `msg_${pad(4)}`,
      time: { created: t0 + 5, completed: t0 + 6 },
      error: { name: "APIError", data: { message: "Overloaded: the provider is at capacity, try again later", statusCode: 529, isRetryable: true } },
    }),
  ];
  return { sessionID: sid, session: session(messages, { todos }) };
}

/** `count` messages of `partsPer` parts each, alternating user and assistant. */
export function bigView(count = 2000, partsPer = 10): SessionView {
  const messages: MessageState[] = [];
  for (let n = 1; n <= count; n++) {
    if (n % 2) messages.push(user(n, `Question ${n}: what does module ${n} do?`, Array.from({ length: partsPer - 1 }, (_, i) =>
      ({ id: `prt_${pad(n)}_f${i}`, sessionID: sid, messageID: `msg_${pad(n)}`, type: "text", text: `context ${i}`, synthetic: true }) as Part)));
    else messages.push(assistant(n, Array.from({ length: partsPer }, (_, i) => (i === partsPer - 1 ? finish(1000, 200, 0.001)
      : i % 3 === 0 ? tool("read", { filePath: `${folder}/src/mod${n}_${i}.ts` }, "…") : { type: "text", text: `Answer ${n}, paragraph ${i}: module ${n} parses input.` }))));
  }
  return { sessionID: sid, session: session(messages) };
}
