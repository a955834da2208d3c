// The reducer over every recorded scenario: the final state must say what the recorder checked
// against the real server (the header's `notes`), and no recording may make it throw.
import * as assert from "node:assert/strict";
import { reduce } from "../../src/protocol/reducer";
import { markInterrupted } from "../../src/protocol/interrupted";
import { createFolderState, findSession, type FolderState, type SessionState } from "../../src/protocol/state";
import { PermissionRequest, QuestionRequest } from "../../src/protocol/ask";
import { MessageWithParts } from "../../src/protocol/rest";
import type { KnownEvent } from "../../src/protocol/events";
import type { Part } from "../../src/protocol/parts";
import { fixtureNames, folderStreams, knownEvents, loadFixture, type Fixture } from "./recordedFixtures";

type Run = { fixture: Fixture; state: FolderState; session: SessionState; notes: Record<string, unknown>; seen: SessionState[] };

/** Feeds one folder stream of a recording to a fresh state; `seen` holds a snapshot of the session after each event. */
function replay(name: string, stream = "event"): Run {
  const fixture = loadFixture(name);
  const state = createFolderState();
  const id = fixture.header.sessionID!;
  const seen: SessionState[] = [];
  for (const event of knownEvents(fixture.streams.get(stream)!)) {
    reduce(state, { kind: "event", event });
    const s = findSession(state, id);
    if (s) seen.push(structuredClone(s));
  }
  return { fixture, state, session: findSession(state, id)!, notes: fixture.header.notes ?? {}, seen };
}

const summary = (s: SessionState) => s.messages.map(m => ({ role: m.info.role, parts: m.parts.map(p => (p.type === "text" ? `text:${p.text}` : p.type)) }));
const assistants = (s: SessionState) => s.messages.filter(m => m.info.role === "assistant");
const lastAssistant = (s: SessionState) => assistants(s).at(-1)!;
const tools = (s: SessionState) => s.messages.flatMap(m => m.parts).filter((p): p is Extract<Part, { type: "tool" }> => p.type === "tool");
const textOf = (parts: Part[], type: "text" | "reasoning") => parts.flatMap(p => (p.type === type ? [p.text] : []));
const errorOf = (s: SessionState) => { const info = lastAssistant(s).info; return info.role === "assistant" ? info.error : undefined; };
const retries = (run: Run) => run.seen.flatMap(s => (s.status.type === "retry" ? [s.status] : []))
  .filter((r, i, all) => i === 0 || r.attempt !== all[i - 1].attempt);
const everPendingPermissions = (run: Run) => [...new Map(run.seen.flatMap(s => s.permissions).map(p => [p.id, p])).values()];

function settled(run: Run) {
  assert.equal(run.session.status.type, "idle");
  assert.deepEqual([run.session.permissions, run.session.questions], [[], []]);
}

function permissionAskedThenCleared(run: Run, count = 1) {
  assert.equal(everPendingPermissions(run).length, count);
  assert.ok(run.seen.every(s => s.permissions.length <= 1));
  settled(run);
}

function failedWith(run: Run, name: string, data: Record<string, unknown>, recordedUntilMessageError = true) {
  assert.equal(run.session.lastError?.name, name);
  for (const [key, value] of Object.entries(data)) assert.deepEqual(run.session.lastError?.data?.[key], value, key);
  if (recordedUntilMessageError) assert.equal(errorOf(run.session)?.name, name, "the error also lands on the assistant message, after the first idle");
  settled(run);
}

const checks: Record<string, (run: Run) => void> = {
  "a-text": run => { assert.deepEqual(summary(run.session), run.notes.messages); settled(run); },
  "q-no-reply": run => {
    assert.deepEqual(summary(run.session).map(m => m.role), ["user"]);
    assert.deepEqual(run.session.messages[0].parts.map(p => p.type), ["text"]);
    settled(run);
  },
  "b-write-permission-once": run => {
    assert.equal(everPendingPermissions(run).length, run.notes.pendingPermissions);
    permissionAskedThenCleared(run);
    assert.ok(tools(run.session).some(t => t.tool === "write" && t.state.status === "completed"));
  },
  "c-write-permission-reject": run => {
    permissionAskedThenCleared(run);
    const write = tools(run.session).find(t => t.tool === "write")!;
    assert.ok(write.state.status === "error" && write.state.error === "The user rejected permission to use this specific tool call.");
  },
  "c2-write-permission-reject-with-message": run => {
    permissionAskedThenCleared(run);
    assert.deepEqual(tools(run.session).at(-1)!.state, (run.notes.lastToolState as unknown[])[0]);
  },
  "d-abort-mid-stream": run => {
    assert.deepEqual(errorOf(run.session), run.notes.lastMessageError);
    assert.equal(run.session.lastError?.name, "MessageAbortedError");
    assert.deepEqual(textOf(lastAssistant(run.session).parts, "text"), ["chunk0 chunk1 chunk2 "]);
    settled(run);
  },
  "e-bash-permission-once": run => {
    assert.equal(everPendingPermissions(run)[0].permission, "bash");
    permissionAskedThenCleared(run);
    assert.ok(tools(run.session).some(t => t.tool === "bash" && t.state.status === "completed"));
  },
  "f-question": run => {
    const asked = [...new Map(run.seen.flatMap(s => s.questions).map(q => [q.id, q])).values()];
    assert.deepEqual(asked, (run.notes.pendingQuestions as unknown[]).map(q => QuestionRequest.parse(q)));
    settled(run);
    const question = tools(run.session).find(t => t.tool === "question")!;
    assert.ok(question.state.status === "completed" && question.state.output.includes('="Blue"'));
  },
  "f2-question-reject": run => {
    assert.ok(run.seen.some(s => s.questions.length === 1));
    settled(run);
    const question = tools(run.session).find(t => t.tool === "question")!;
    assert.ok(question.state.status === "error" && question.state.error === "The user dismissed this question");
  },
  "g-permission-always": run => {
    assert.equal(run.notes.secondAsked, false);
    permissionAskedThenCleared(run, 1);
    assert.deepEqual(tools(run.session).map(t => [t.tool, t.state.status]), [["write", "completed"], ["write", "completed"]]);
  },
  "h-todo": run => { assert.deepEqual(run.session.todos, run.notes.todo); settled(run); },
  "i-read-and-edit": run => {
    permissionAskedThenCleared(run);
    assert.deepEqual(tools(run.session).map(t => [t.tool, t.state.status]), [["read", "completed"], ["edit", "completed"]]);
  },
  "j-reasoning": run => {
    const parts = lastAssistant(run.session).parts;
    assert.deepEqual(parts.map(p => p.type), ["step-start", "reasoning", "text", "step-finish"]);
    assert.deepEqual([textOf(parts, "reasoning"), textOf(parts, "text")], [["Let me think about it."], ["Thought done."]]);
    settled(run);
  },
  "k-llm-http-500": run => {
    assert.deepEqual(retries(run), (run.notes.retryStatuses as { t: number }[]).map(({ t: _t, ...status }) => status));
    failedWith(run, "APIError", { statusCode: 500, isRetryable: true, message: "fake internal error" });
  },
  "l-llm-malformed": run => {
    failedWith(run, "UnknownError", {});
    assert.match(String(run.session.lastError?.data?.message), /^JSON parsing failed/);
    assert.deepEqual(lastAssistant(run.session).parts.map(p => p.id), (run.notes.lastMessageParts as { id: string }[]).map(p => p.id));
  },
  "m-sync-message": run => {
    const answer = MessageWithParts.parse(run.notes.syncResponse);
    assert.deepEqual(lastAssistant(run.session), { info: answer.info, parts: answer.parts });
    settled(run);
  },
  "n-external-directory": run => {
    const asked = everPendingPermissions(run);
    assert.deepEqual(asked.map(({ permission, patterns, always, metadata }) => ({ permission, patterns, always, metadata })), run.notes.asked);
    permissionAskedThenCleared(run, 2);
  },
  "o-legacy-permission-endpoint": run => { permissionAskedThenCleared(run); assert.equal(tools(run.session)[0].state.status, "completed"); },
  "p-agent-plan": run => {
    assert.deepEqual(everPendingPermissions(run), [PermissionRequest.parse(run.notes.asked)]);
    permissionAskedThenCleared(run);
    assert.deepEqual(assistants(run.session).map(m => m.info.agent), run.notes.assistantAgents);
    assert.deepEqual(tools(run.session).map(t => ({ tool: t.tool, status: t.state.status, error: t.state.status === "error" ? t.state.error : "" })), run.notes.toolStates);
  },
  "r-file-part": run => {
    const user = run.session.messages[0].parts;
    const expected = run.notes.userParts as Record<string, unknown>[];
    assert.deepEqual(user.map(p => p.type), expected.map(p => p.type));
    expected.forEach((want, i) => {
      const got = user[i] as Record<string, unknown>;
      for (const key of ["synthetic", "mime", "url"]) assert.equal(got[key], want[key], `part ${i} ${key}`);
      if (typeof want.text === "string") assert.ok(String(got.text).startsWith(want.text), `part ${i} text`);
    });
    settled(run);
  },
  "s-revert-unrevert-fork": run => {
    assert.deepEqual(run.session.messages.map(m => m.info.role), run.notes.messagesAfter);
    assert.deepEqual(summary(run.session)[1].parts, ["step-start", "text:Hello from the fake LLM!", "step-finish"]);
    assert.ok(run.seen.some(s => s.info?.revert?.messageID === (run.notes.revert as { messageID: string }).messageID));
    assert.equal(run.session.info?.revert, undefined);
    assert.deepEqual(Object.keys(run.state.sessions), [run.session.id], "the deleted fork is gone");
    assert.equal(run.state.deletedSessionIDs.length, 1);
    permissionAskedThenCleared(run);
  },
  "fail-llm-http-401": run => failedWith(run, "APIError", { statusCode: 401, isRetryable: false }),
  "fail-llm-http-500-retries": run => {
    assert.deepEqual(retries(run).map(r => r.attempt), [1, 2, 3, 4, 5]);
    // This recording stops at the first session.idle, before the message.updated carrying the error.
    failedWith(run, "APIError", { statusCode: 500, isRetryable: true }, false);
  },
  "fail-llm-connection-drop": run => {
    failedWith(run, "APIError", { message: "Connection reset by server", isRetryable: true });
    assert.equal((run.session.lastError?.data?.metadata as { code: string }).code, "ECONNRESET");
    // Every attempt adds its own step-start and text part to the same message, and only the last
    // one gets a final snapshot: live, the message shows the partial text once per attempt.
    const parts = lastAssistant(run.session).parts;
    assert.deepEqual(textOf(parts, "text"), Array(6).fill("partial "));
    assert.equal(parts.filter(p => p.type === "step-start").length, 6);
  },
  "fail-llm-stall-chunk-timeout": run => {
    // Aborted while waiting to retry: the message completes with no error at all.
    assert.deepEqual(retries(run).map(r => r.message), ["SSE read timed out"]);
    assert.equal(run.session.lastError, undefined);
    assert.equal(errorOf(run.session), undefined);
    settled(run);
  },
  "fail-unknown-model": run => {
    assert.deepEqual(run.session.messages.map(m => m.info.role), ["user"]);
    assert.equal(run.session.lastError?.name, "UnknownError");
    assert.match(String(run.session.lastError?.data?.message), /ProviderModelNotFoundError/, "the second of the two errors wins");
    settled(run);
  },
  "fail-prompt-while-busy": run => {
    assert.deepEqual(run.session.messages.map(m => m.info.role), ["user", "assistant", "user", "user", "assistant"]);
    settled(run);
  },
  "fail-server-sigkill-mid-stream": run => killedMidStream(run),
  "fail-server-sigterm-mid-stream": run => killedMidStream(run),
};

/** The stream just stops: the session looks busy forever until the state is re-read. */
function killedMidStream(run: Run) {
  assert.equal(run.session.status.type, "busy");
  const last = lastAssistant(run.session);
  assert.equal(last.interrupted, undefined);
  assert.deepEqual(textOf(last.parts, "text"), ["chunk0 "]);
  markInterrupted(run.state, run.session.id);
  assert.equal(last.interrupted, true);
}

describe("reducer over the recordings", () => {
  const scenarios = fixtureNames().filter(n => n !== "multi-directory");

  it("has a check for every recording", () => {
    assert.deepEqual(scenarios.filter(n => !checks[n]), []);
  });

  for (const name of scenarios) it(name, () => checks[name](replay(name)));

  it("never throws, even fed every stream of a recording into one state (each event again from /global/event)", () => {
    for (const name of fixtureNames()) {
      const shared = createFolderState();
      for (const [stream, frames] of loadFixture(name).streams) {
        const data = stream === "global" ? frames.map(f => JSON.stringify((JSON.parse(f) as { payload: unknown }).payload)) : frames;
        for (const event of knownEvents(data)) reduce(shared, { kind: "event", event });
      }
    }
  });

  it("multi-directory: each folder's stream yields only that folder's sessions", () => {
    const fixture = loadFixture("multi-directory");
    const folder = { "event-ws1-query": fixture.header.ws1, "event-nodir": fixture.header.ws1, "event-ws2-header": fixture.header.ws2 } as Record<string, string>;
    for (const [stream, frames] of folderStreams(fixture)) {
      const state = createFolderState();
      for (const event of knownEvents(frames)) reduce(state, { kind: "event", event } satisfies { kind: "event"; event: KnownEvent });
      const sessions = Object.values(state.sessions);
      assert.ok(sessions.length > 0, stream);
      for (const s of sessions) assert.equal(s.info?.directory, folder[stream], `${stream} ${s.id}`);
      assert.ok(sessions.some(s => s.messages.some(m => textOf(m.parts, "text").includes("Hello from the fake LLM!"))), stream);
    }
  });
});
