// A run's result over the recorded sessions (replayed through the reducer), with the token sums
// checked against the step-finish parts read straight from the recordings, and over a hand-built
// session for what the recordings do not show.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { reduce } from "../../src/protocol/reducer";
import { createFolderState, findSession, type SessionState } from "../../src/protocol/state";
import { Message } from "../../src/protocol/message";
import { Part } from "../../src/protocol/parts";
import { runResult, type RunTokens } from "../../src/runs/engine/runResult";
import { fixtureDir, fixtureNames, knownEvents, loadFixture } from "./recordedFixtures";

const recordedWs = "/home/dev/oc-record/scenarios/ws";

function replay(name: string): SessionState {
  const fixture = loadFixture(name);
  const state = createFolderState();
  for (const event of knownEvents(fixture.streams.get("event") ?? [])) reduce(state, { kind: "event", event });
  return findSession(state, fixture.header.sessionID!)!;
}

type RawStepFinish = { tokens: { input: number; output: number; reasoning: number; cache: { read: number; write: number } }; cost: number };

/** Read without the decoder or the reducer: the session's step-finish parts, last snapshot of each. */
function rawStepFinishes(name: string): { steps: RawStepFinish[]; removals: number } {
  const [header, ...lines] = fs.readFileSync(path.join(fixtureDir, `${name}.jsonl`), "utf8").split("\n").filter(Boolean).map(l => JSON.parse(l));
  const byId = new Map<string, RawStepFinish>();
  let removals = 0;
  for (const line of lines) {
    if (line.stream !== "event" || typeof line.data !== "object") continue;
    if (line.data.type === "message.removed") removals++;
    const part = line.data.type === "message.part.updated" ? line.data.properties.part : undefined;
    if (part?.type === "step-finish" && part.sessionID === header.sessionID) byId.set(part.id, part);
  }
  return { steps: [...byId.values()], removals };
}

const sumTokens = (steps: RawStepFinish[]): RunTokens => ({
  input: steps.reduce((n, s) => n + s.tokens.input, 0),
  output: steps.reduce((n, s) => n + s.tokens.output, 0),
  reasoning: steps.reduce((n, s) => n + s.tokens.reasoning, 0),
  cacheRead: steps.reduce((n, s) => n + s.tokens.cache.read, 0),
  cacheWrite: steps.reduce((n, s) => n + s.tokens.cache.write, 0),
});

describe("run result (runResult) over recordings", () => {
  for (const name of ["i-read-and-edit", "b-write-permission-once", "e-bash-permission-once", "g-permission-always"]) {
    it(`${name}: tokens, cost and steps are the sums of the recorded step-finish parts`, () => {
      const { steps } = rawStepFinishes(name);
      assert.ok(steps.length >= 2 && sumTokens(steps).output > 0, "the recording has model calls to sum");
      const r = runResult(replay(name), recordedWs);
      assert.deepEqual(r.tokens, sumTokens(steps));
      assert.equal(r.cost, steps.reduce((n, s) => n + s.cost, 0));
      assert.equal(r.steps, steps.length);
    });
  }

  it("every recording without removed messages: the same sums", () => {
    const names = fixtureNames().filter(n => loadFixture(n).streams.has("event") && rawStepFinishes(n).removals === 0);
    assert.ok(names.length > 20);
    for (const name of names) {
      const { steps } = rawStepFinishes(name);
      const r = runResult(replay(name), recordedWs);
      assert.deepEqual([r.tokens, r.steps], [sumTokens(steps), steps.length], name);
    }
  });

  it("i-read-and-edit: the tool calls in order, the edited file, the last answer", () => {
    const r = runResult(replay("i-read-and-edit"), recordedWs);
    assert.deepEqual(r.toolCalls.map(t => [t.tool, t.status, t.title, t.input.filePath]), [
      ["read", "completed", "README.md", `${recordedWs}/README.md`],
      ["edit", "completed", "README.md", `${recordedWs}/README.md`],
    ]);
    assert.deepEqual(r.filesChanged, [`${recordedWs}/README.md`]);
    assert.equal(r.text, "Tool edit finished: Edit applied successfully.");
    assert.equal(r.turns, 2, "two prompts: read, then edit");
    assert.equal(r.error, undefined);
    assert.equal(r.sessionID, loadFixture("i-read-and-edit").header.sessionID);
  });

  it("a write outside git and outside the folder still counts (from the tool input: no patch part)", () => {
    assert.deepEqual(runResult(replay("n-external-directory"), recordedWs).filesChanged, ["/home/dev/oc-record/scenarios/outside/ext.txt"]);
    assert.deepEqual(runResult(replay("b-write-permission-once"), recordedWs).filesChanged, [`${recordedWs}/b.txt`]);
  });

  it("a rejected write is an error tool call and changes no file", () => {
    const r = runResult(replay("c-write-permission-reject"), recordedWs);
    assert.deepEqual(r.toolCalls.map(t => [t.tool, t.status, t.error]), [["write", "error", "The user rejected permission to use this specific tool call."]]);
    assert.deepEqual(r.filesChanged, []);
  });

  it("an aborted run keeps its partial text and reports MessageAbortedError", () => {
    const r = runResult(replay("d-abort-mid-stream"), recordedWs);
    assert.equal(r.text, "chunk0 chunk1 chunk2 ");
    assert.equal(r.error?.name, "MessageAbortedError");
    assert.equal(r.steps, 0);
  });

  it("names the agent and the model that answered (a prompt sent to plan)", () => {
    const plan = runResult(replay("p-agent-plan"), recordedWs);
    assert.deepEqual([plan.agent, plan.model], ["plan", "fake/fake-model"]);
    const build = runResult(replay("a-text"), recordedWs);
    assert.deepEqual([build.agent, build.model], ["build", "fake/fake-model"]);
  });

  it("counts every user message as a turn", () => {
    const r = runResult(replay("fail-prompt-while-busy"), "/home/dev/oc-record/failures/ws");
    assert.equal(r.turns, 3);
    assert.equal(r.text, "Hello from the fake LLM!");
  });
});

describe("run result (runResult) over a hand-built session", () => {
  const ids = { sessionID: "ses_h" };
  const user = (id: string) => ({ info: Message.parse({ id, ...ids, role: "user", time: { created: 1 } }), parts: [] });
  const assistant = (id: string, parts: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
    info: Message.parse({ id, ...ids, role: "assistant", time: { created: 1 }, ...extra }),
    parts: parts.map((p, i) => Part.parse({ id: `${id}_p${i}`, ...ids, messageID: id, ...p })),
  });
  const tool = (name: string, state: Record<string, unknown>) => ({ type: "tool", tool: name, callID: "c", state });
  const done = (input: Record<string, unknown>) => ({ status: "completed", input, output: "", title: "t", time: { start: 1, end: 2 } });
  const step = (input: number, read: number, write: number, cost: number) =>
    ({ type: "step-finish", reason: "stop", cost, tokens: { input, output: 1, reasoning: 2, cache: { read, write } } });

  const session: SessionState = {
    id: "ses_h", status: { type: "idle" }, todos: [], permissions: [], questions: [], diff: [],
    messages: [
      user("msg_1"),
      assistant("msg_2", [
        { type: "text", text: "first answer" },
        tool("write", done({ filePath: "out/b.txt", content: "x" })),
        tool("edit", done({ filePath: "/ws/a.txt" })),
        tool("edit", { status: "error", input: { filePath: "/ws/rejected.txt" }, error: "no", time: { start: 1, end: 2 } }),
        tool("write", { status: "pending", input: { filePath: "/ws/pending.txt" } }),
        tool("bash", done({ command: "echo hi > /ws/bash.txt", filePath: "/ws/not-a-file-tool.txt" })),
        { type: "patch", hash: "h", files: ["/ws/a.txt", "/ws/z.txt"] },
        step(10, 3, 4, 0.25),
      ]),
      user("msg_3"),
      assistant("msg_4", [
        { type: "text", text: "inlined", synthetic: true },
        { type: "text", text: "ignored", ignored: true },
        { type: "text", text: "part one" },
        { type: "text", text: "  " },
        { type: "text", text: "part two" },
        step(20, 5, 6, 0.5),
      ]),
      assistant("msg_5", [step(30, 0, 0, 0)], { mode: "review", providerID: "p", error: { name: "MessageAbortedError", data: { message: "The operation was aborted." } } }),
    ],
  };

  it("sums the tokens (cache included) and cost of every step, and counts the turns", () => {
    const r = runResult(session, "/ws");
    assert.deepEqual(r.tokens, { input: 60, output: 3, reasoning: 6, cacheRead: 8, cacheWrite: 10 });
    assert.deepEqual([r.cost, r.steps, r.turns], [0.75, 3, 2]);
  });

  it("lists files from patches and completed write/edit inputs, resolved, unique and sorted", () => {
    assert.deepEqual(runResult(session, "/ws").filesChanged, ["/ws/a.txt", "/ws/out/b.txt", "/ws/z.txt"]);
  });

  it("answers with the last message that has real text, and the last message's error", () => {
    const r = runResult(session, "/ws");
    assert.equal(r.text, "part one\n\npart two");
    assert.deepEqual(r.error, { name: "MessageAbortedError", message: "The operation was aborted." });
    assert.deepEqual(r.toolCalls.map(t => t.status), ["completed", "completed", "error", "pending", "completed"]);
    assert.deepEqual(r.toolCalls[2], { tool: "edit", status: "error", input: { filePath: "/ws/rejected.txt" }, error: "no" });
    assert.deepEqual(r.toolCalls[3], { tool: "write", status: "pending", input: { filePath: "/ws/pending.txt" } });
  });

  it("falls back to the message's mode for the agent, and names no model without both ids", () => {
    const r = runResult(session, "/ws");
    assert.deepEqual([r.agent, r.model], ["review", undefined]);
  });

  it("is empty for a session with no assistant message", () => {
    const r = runResult({ ...session, messages: [user("msg_1")] }, "/ws");
    assert.deepEqual([r.text, r.toolCalls, r.filesChanged, r.steps, r.turns, r.error, r.agent, r.model], ["", [], [], 0, 1, undefined, undefined, undefined]);
  });
});
