// The reducer on hand-made sequences: opencode's quirks, REST loads,
// interrupted turns and snapshots.
import * as assert from "node:assert/strict";
import { decodeEvent, type KnownEvent } from "../../src/protocol/events";
import { reduce, type Action } from "../../src/protocol/reducer";
import { createFolderState, findSession, snapshot, type FolderState } from "../../src/protocol/state";
import { MessageWithParts } from "../../src/protocol/rest";
import { PermissionRequest, QuestionRequest } from "../../src/protocol/ask";
import { Session } from "../../src/protocol/session";
import { knownEvents, loadFixture } from "./recordedFixtures";

const S = "ses_1";
/** Builds an event the way the extension gets it: through decodeEvent, so it is a valid one. */
function ev(type: string, properties: unknown): KnownEvent {
  const d = decodeEvent(JSON.stringify({ type, properties }));
  if (d.kind !== "event") throw new Error(`bad test event ${type}: ${JSON.stringify(d)}`);
  return d.event;
}
const apply = (state: FolderState, ...actions: (KnownEvent | Action)[]) =>
  actions.reduce((s, a) => reduce(s, "kind" in a ? a : { kind: "event", event: a }), state);

const user = (id: string) => ({ id, sessionID: S, role: "user", time: { created: 1 }, agent: "build", model: { providerID: "p", modelID: "m" } });
const assistant = (id: string, extra: Record<string, unknown> = {}) => ({ id, sessionID: S, role: "assistant", parentID: "msg_1", time: { created: 2 }, ...extra });
const text = (id: string, messageID: string, value: string) => ({ id, sessionID: S, messageID, type: "text", text: value });
const tool = (id: string, messageID: string, status: "pending" | "running") =>
  ({ id, sessionID: S, messageID, type: "tool", tool: "write", callID: "c1", state: status === "pending" ? { status, input: {}, raw: "" } : { status, input: {}, time: { start: 1 } } });
const delta = (partID: string, value: string, messageID = "msg_2", field = "text") => ev("message.part.delta", { sessionID: S, messageID, partID, field, delta: value });
const ask = { id: "per_1", sessionID: S, permission: "edit", patterns: ["a.txt"], metadata: {}, always: ["*"], tool: { messageID: "msg_2", callID: "c1" } };
const question = { id: "que_1", sessionID: S, questions: [{ question: "Color?", header: "Color", options: [{ label: "Red", description: "" }] }] };
const info = (id: string, title = "t") => Session.parse({ id, title, directory: "/ws", time: { created: 1, updated: 1 } });

/** A session with one user message and one streaming assistant message holding text part prt_2. */
function streaming(): FolderState {
  return apply(createFolderState(), ev("session.created", { sessionID: S, info: info(S) }), ev("session.status", { sessionID: S, status: { type: "busy" } }),
    ev("message.updated", { info: user("msg_1") }), ev("message.updated", { info: assistant("msg_2") }), ev("message.part.updated", { part: text("prt_2", "msg_2", "") }));
}
const parts = (state: FolderState, i = 1) => findSession(state, S)!.messages[i].parts;
const firstText = (state: FolderState) => { const p = parts(state)[0]; return p.type === "text" ? p.text : undefined; };

describe("reducer: streaming text", () => {
  it("appends 10,000 deltas to one part in place", () => {
    const state = streaming();
    const events = Array.from({ length: 10_000 }, (_, i) => delta("prt_2", `${i % 10}`));
    const start = Date.now();
    for (const event of events) reduce(state, { kind: "event", event });
    assert.equal(firstText(state), "0123456789".repeat(1_000));
    assert.ok(Date.now() - start < 1_000, `took ${Date.now() - start} ms`);
  });

  it("takes a part snapshot as the truth over the deltas before it", () => {
    const state = apply(streaming(), delta("prt_2", "Hel"), delta("prt_2", "lo"), ev("message.part.updated", { part: text("prt_2", "msg_2", "Hello!") }));
    assert.deepEqual(parts(state), [text("prt_2", "msg_2", "Hello!")]);
  });

  it("ignores deltas for an unknown part, message or session, for another field, and for a tool part", () => {
    const state = apply(streaming(), ev("message.part.updated", { part: tool("prt_3", "msg_2", "running") }));
    const before = snapshot(state);
    apply(state, delta("prt_9", "x"), delta("prt_2", "x", "msg_9"), delta("prt_3", "x"), delta("prt_2", "x", "msg_2", "input"),
      ev("message.part.delta", { sessionID: "ses_9", messageID: "msg_2", partID: "prt_2", field: "text", delta: "x" }));
    assert.deepEqual(snapshot(state), before);
  });

  it("keeps parts and messages in id order whatever order they arrive in", () => {
    const state = apply(streaming(), ev("message.part.updated", { part: text("prt_1", "msg_2", "a") }), ev("message.updated", { info: assistant("msg_0") }));
    assert.deepEqual(parts(state, 2).map(p => p.id), ["prt_1", "prt_2"]);
    assert.deepEqual(findSession(state, S)!.messages.map(m => m.info.id), ["msg_0", "msg_1", "msg_2"]);
  });

  it("drops a part whose message it has not seen (the server sends message.updated first)", () => {
    const state = apply(streaming(), ev("message.part.updated", { part: text("prt_5", "msg_5", "orphan") }));
    assert.equal(findSession(state, S)!.messages.length, 2);
  });
});

describe("reducer: turn ends, errors and removals", () => {
  const failed = { name: "APIError", data: { message: "boom", statusCode: 500, isRetryable: true } };

  it("lands an error that comes after the first idle on the session and on its message; a second idle changes nothing", () => {
    const state = apply(streaming(), ev("session.error", { sessionID: S, error: failed }), ev("session.status", { sessionID: S, status: { type: "idle" } }),
      ev("session.idle", { sessionID: S }), ev("message.updated", { info: assistant("msg_2", { error: failed, time: { created: 2, completed: 3 } }) }));
    const once = snapshot(state);
    apply(state, ev("session.status", { sessionID: S, status: { type: "idle" } }), ev("session.idle", { sessionID: S }), ev("session.idle", { sessionID: S }));
    assert.deepEqual(snapshot(state), once);
    const session = findSession(state, S)!;
    assert.deepEqual([session.status, session.lastError], [{ type: "idle" }, failed]);
    assert.deepEqual(session.messages[1].info.role === "assistant" && session.messages[1].info.error, failed);
  });

  it("forgets the last error when a new turn starts, not on retries", () => {
    const state = apply(streaming(), ev("session.error", { sessionID: S, error: failed }), ev("session.idle", { sessionID: S }));
    apply(state, ev("session.status", { sessionID: S, status: { type: "retry", attempt: 1, message: "m", next: 5 } }), ev("session.status", { sessionID: S, status: { type: "busy" } }));
    assert.deepEqual(findSession(state, S)!.lastError, failed, "retry → busy is the same turn");
    apply(state, ev("session.idle", { sessionID: S }), ev("session.status", { sessionID: S, status: { type: "busy" } }));
    assert.equal(findSession(state, S)!.lastError, undefined);
  });

  it("keeps an error that names no session on the folder", () => {
    assert.deepEqual(apply(createFolderState(), ev("session.error", { error: failed })).lastError, failed);
  });

  it("removes a message on message.removed, and ignores unknown ones", () => {
    const state = apply(streaming(), ev("message.removed", { sessionID: S, messageID: "msg_2" }), ev("message.removed", { sessionID: S, messageID: "msg_7" }),
      ev("message.removed", { sessionID: "ses_7", messageID: "msg_1" }));
    assert.deepEqual(findSession(state, S)!.messages.map(m => m.info.id), ["msg_1"]);
  });

  it("removes asks when they are replied to, rejected or answered", () => {
    const state = apply(streaming(), ev("permission.asked", ask), ev("question.asked", question), ev("question.asked", { ...question, id: "que_2" }));
    assert.deepEqual([findSession(state, S)!.permissions.length, findSession(state, S)!.questions.length], [1, 2]);
    apply(state, ev("permission.replied", { sessionID: S, requestID: "per_1", reply: "once" }), ev("question.replied", { sessionID: S, requestID: "que_1", answers: [["Red"]] }),
      ev("question.rejected", { sessionID: S, requestID: "que_2" }), ev("permission.replied", { sessionID: S, requestID: "per_404", reply: "reject" }));
    assert.deepEqual([findSession(state, S)!.permissions, findSession(state, S)!.questions], [[], []]);
  });

  it("removes a deleted session with its asks, and late events do not bring it back", () => {
    const state = apply(streaming(), ev("permission.asked", ask), ev("session.deleted", { sessionID: S, info: info(S) }));
    apply(state, ev("message.updated", { info: assistant("msg_2", { error: failed }) }), ev("session.idle", { sessionID: S }),
      { kind: "pending", permissions: [PermissionRequest.parse(ask)], questions: [] });
    assert.deepEqual(Object.keys(state.sessions), []);
    assert.deepEqual(state.deletedSessionIDs, [S]);
  });
});

describe("reducer: REST loads", () => {
  it("merges GET /session without dropping what it knows", () => {
    const state = apply(streaming(), { kind: "sessions", sessions: [info(S, "renamed"), info("ses_2")] });
    assert.deepEqual(Object.keys(state.sessions).sort(), [S, "ses_2"]);
    assert.deepEqual([findSession(state, S)!.info?.title, findSession(state, S)!.messages.length], ["renamed", 2]);
  });

  it("takes GET /session/status as the status of every session, unlisted meaning idle", () => {
    const state = apply(streaming(), ev("session.created", { info: info("ses_2") }), { kind: "statuses", statuses: { ses_2: { type: "busy" } } });
    assert.deepEqual([findSession(state, S)!.status.type, findSession(state, "ses_2")!.status.type], ["idle", "busy"]);
  });

  it("replaces every pending ask on a reconnect sweep, creating sessions it has not seen", () => {
    const state = apply(streaming(), ev("permission.asked", ask), ev("question.asked", question));
    const elsewhere = QuestionRequest.parse({ ...question, id: "que_9", sessionID: "ses_9" });
    apply(state, { kind: "pending", permissions: [PermissionRequest.parse({ ...ask, id: "per_2" })], questions: [elsewhere] });
    assert.deepEqual(findSession(state, S)!.permissions.map(p => p.id), ["per_2"]);
    assert.deepEqual(findSession(state, S)!.questions, []);
    assert.deepEqual(findSession(state, "ses_9")!.questions, [elsewhere]);
    assert.equal(findSession(state, "ses_9")!.info, undefined);
  });

  const load = (...messages: unknown[]): Action => ({ kind: "messages", sessionID: S, messages: messages.map(m => MessageWithParts.parse(m)) });

  it("replaces a session's messages, sorted, keeping newer ones events added meanwhile", () => {
    const state = apply(streaming(), ev("message.updated", { info: assistant("msg_9") }));
    apply(state, ev("session.idle", { sessionID: S }),
      load({ info: assistant("msg_3", { time: { created: 2, completed: 3 } }), parts: [text("prt_b", "msg_3", "b"), text("prt_a", "msg_3", "a")] }, { info: user("msg_1"), parts: [] }));
    const session = findSession(state, S)!;
    assert.deepEqual(session.messages.map(m => m.info.id), ["msg_1", "msg_3", "msg_9"]);
    assert.deepEqual(session.messages[1].parts.map(p => p.id), ["prt_a", "prt_b"]);
  });

  it("flags what a restart left unfinished when the session is idle, and the server's next word clears it", () => {
    const state = apply(createFolderState(), load({ info: user("msg_1"), parts: [] },
      { info: assistant("msg_2"), parts: [tool("prt_1", "msg_2", "running"), tool("prt_2", "msg_2", "pending"), text("prt_3", "msg_2", "")] },
      { info: assistant("msg_3", { time: { created: 2, completed: 3 } }), parts: [] }, { info: assistant("msg_4", { error: { name: "MessageAbortedError" } }), parts: [] }));
    const messages = findSession(state, S)!.messages;
    assert.deepEqual(messages.map(m => m.interrupted), [undefined, true, undefined, undefined]);
    assert.deepEqual(messages[1].parts.map(p => p.interrupted), [true, true, undefined]);
    apply(state, ev("message.part.updated", { part: tool("prt_1", "msg_2", "running") }), ev("message.updated", { info: assistant("msg_2") }));
    assert.deepEqual([findSession(state, S)!.messages[1].interrupted, findSession(state, S)!.messages[1].parts[0].interrupted], [undefined, undefined]);
  });

  it("does not flag a busy session's running turn", () => {
    const state = apply(streaming(), load({ info: assistant("msg_2"), parts: [tool("prt_1", "msg_2", "running")] }));
    assert.equal(findSession(state, S)!.messages[0].interrupted, undefined);
    assert.equal(findSession(state, S)!.messages[0].parts[0].interrupted, undefined);
  });

  it("after a SIGKILL mid-stream, the reloaded message (empty text, never completed) is flagged interrupted", () => {
    const fixture = loadFixture("fail-server-sigkill-mid-stream");
    const live = createFolderState();
    for (const event of knownEvents(fixture.streams.get("event")!)) reduce(live, { kind: "event", event });
    const id = fixture.header.sessionID!;
    // What GET /session/{id}/message returned after the restart: deltas were not persisted.
    const stored = findSession(live, id)!.messages.map(m => ({ info: m.info, parts: m.parts.map(p => (p.type === "text" && m.info.role === "assistant" ? { ...p, text: "" } : p)) }));
    const restarted = apply(createFolderState(), { kind: "statuses", statuses: {} }, { kind: "messages", sessionID: id, messages: stored });
    const last = findSession(restarted, id)!.messages.at(-1)!;
    assert.deepEqual([last.info.role, last.interrupted], ["assistant", true]);
  });
});

describe("snapshot", () => {
  it("is a deep, JSON-safe copy that the reducer can carry on from", () => {
    const state = apply(streaming(), delta("prt_2", "Hi"), ev("permission.asked", ask));
    const copy = snapshot(state);
    assert.deepEqual(JSON.parse(JSON.stringify(copy)), copy);
    apply(state, delta("prt_2", " there"));
    assert.equal(firstText(copy), "Hi", "the copy does not see later changes");
    apply(copy, delta("prt_2", "!"), ev("permission.replied", { sessionID: S, requestID: "per_1", reply: "once" }));
    assert.equal(firstText(copy), "Hi!");
    assert.deepEqual(findSession(state, S)!.permissions.length, 1, "nor does the state see the copy's");
  });
});
