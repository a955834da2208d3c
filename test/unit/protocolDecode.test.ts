import * as assert from "node:assert/strict";
import { decodeEvent, type Decoded } from "../../src/protocol/events";
import { Part } from "../../src/protocol/parts";
import { PermissionRequest, QuestionRequest } from "../../src/protocol/ask";
import { FileDiff, Todo } from "../../src/protocol/session";
import { MessageWithParts, SessionStatusMap, decodeList } from "../../src/protocol/rest";
import { fixtureNames, folderStreams, loadFixture } from "./recordedFixtures";

/** Instance-level events 1.18.33 sends that the extension does not act on. */
const expectedUnknown = ["catalog.updated", "file.watcher.updated", "integration.updated", "plugin.added", "reference.updated"];

const frame = (type: string, properties: unknown) => JSON.stringify({ id: "evt_1", type, properties });
const ids = { id: "prt_1", sessionID: "ses_1", messageID: "msg_1" };

function expectEvent(d: Decoded) {
  assert.equal(d.kind, "event", JSON.stringify(d));
  return (d as Extract<Decoded, { kind: "event" }>).event;
}

describe("decodeEvent over the recordings", () => {
  const decoded = fixtureNames().flatMap(name => folderStreams(loadFixture(name)).flatMap(([, frames]) => frames.map(f => ({ name, d: decodeEvent(f) }))));

  it("covers every scenario recording", () => {
    assert.ok(fixtureNames().length >= 30, `only ${fixtureNames().length} fixtures`);
    assert.ok(decoded.length > 1000);
  });

  it("finds no malformed frame", () => {
    assert.deepEqual(decoded.filter(x => x.d.kind === "malformed").map(x => ({ fixture: x.name, ...x.d })), []);
  });

  it("passes through exactly the expected instance-level types as unknown", () => {
    const unknown = new Set(decoded.flatMap(x => (x.d.kind === "unknown" ? [x.d.type] : [])));
    assert.deepEqual([...unknown].sort(), expectedUnknown);
  });

  it("sees every known type the recordings contain", () => {
    const known = new Set<string>(decoded.flatMap(x => (x.d.kind === "event" ? [x.d.event.type] : [])));
    for (const type of ["server.connected", "server.heartbeat", "session.created", "session.updated", "session.deleted", "session.status",
      "session.idle", "session.error", "session.diff", "message.updated", "message.removed", "message.part.updated", "message.part.delta",
      "permission.asked", "permission.replied", "question.asked", "question.replied", "question.rejected", "todo.updated", "file.edited"]) {
      assert.ok(known.has(type), `${type} never decoded`);
    }
  });
});

describe("decodeEvent on hand-made frames", () => {
  it("passes unknown types through with their name", () => {
    assert.deepEqual(decodeEvent(frame("session.next.text.delta", { delta: "x" })), { kind: "unknown", type: "session.next.text.delta" });
    assert.deepEqual(decodeEvent(JSON.stringify({ type: "brand.new" })), { kind: "unknown", type: "brand.new" });
  });

  it("flags known types that fail their schema, saying where", () => {
    const missing = decodeEvent(frame("message.part.delta", { sessionID: "s", messageID: "m", field: "text", delta: "x" }));
    assert.equal(missing.kind, "malformed");
    assert.match((missing as { why: string }).why, /partID/);
    const wrongType = decodeEvent(frame("session.status", { sessionID: "s", status: "busy" }));
    assert.deepEqual([wrongType.kind, (wrongType as { type: string }).type], ["malformed", "session.status"]);
    const badTool = decodeEvent(frame("message.part.updated", { part: { ...ids, type: "tool", tool: "write", callID: "c", state: { status: "completed", input: {} } } }));
    assert.equal(badTool.kind, "malformed");
    assert.match((badTool as { why: string }).why, /state\.output/);
  });

  it("flags data that is not an event object, and never throws", () => {
    for (const data of ["not json", "", "null", "[]", "[1,2]", "42", '"session.idle"', "{}", '{"type":5}', '{"type":null}', "{\"type\":\"session.idle\"", "[".repeat(100_000)]) {
      const d = decodeEvent(data);
      assert.equal(d.kind, "malformed", data.slice(0, 40));
    }
  });

  it("drops unknown keys and keeps what a newer server adds out of the way", () => {
    const event = expectEvent(decodeEvent(JSON.stringify({ id: "evt_1", type: "session.idle", extra: 1, properties: { sessionID: "ses_1", newField: { deep: true } } })));
    assert.deepEqual(event, { id: "evt_1", type: "session.idle", properties: { sessionID: "ses_1" } });
  });

  it("fills defaults for fields a server may leave out", () => {
    const event = expectEvent(decodeEvent(frame("permission.asked", { id: "per_1", sessionID: "ses_1", permission: "edit" })));
    assert.deepEqual(event.properties, { id: "per_1", sessionID: "ses_1", permission: "edit", patterns: [], metadata: {}, always: [] });
  });

  it("keeps a part of an unknown type, with its type and raw data", () => {
    const raw = { ...ids, type: "compaction", auto: true };
    const event = expectEvent(decodeEvent(frame("message.part.updated", { sessionID: "ses_1", part: raw })));
    assert.equal(event.type, "message.part.updated");
    if (event.type !== "message.part.updated") return;
    assert.deepEqual(event.properties.part, { ...ids, type: "unknown", originalType: "compaction", raw });
  });

  it("accepts session events without the top-level sessionID older servers omitted", () => {
    const info = { id: "ses_1", title: "t", time: { created: 1, updated: 2 } };
    const event = expectEvent(decodeEvent(frame("session.updated", { info })));
    assert.deepEqual(event.properties, { info });
  });
});

describe("REST body schemas on recorded bodies", () => {
  const notes = (name: string) => loadFixture(name).header.notes as Record<string, unknown>;

  it("parse the blocking prompt's answer", () => {
    const body = MessageWithParts.parse(notes("m-sync-message").syncResponse);
    assert.equal(body.info.role, "assistant");
    assert.deepEqual(body.parts.map(p => p.type), ["step-start", "text", "step-finish"]);
  });

  it("parse pending asks, todos, diffs, tool states and parts", () => {
    assert.equal(decodeList(QuestionRequest, notes("f-question").pendingQuestions).items[0].questions[0].options[1].label, "Blue");
    assert.equal(PermissionRequest.parse(notes("p-agent-plan").asked).patterns[0], "plan.txt");
    assert.deepEqual(decodeList(Todo, notes("h-todo").todo).items.map(t => t.status), ["in_progress", "pending"]);
    assert.equal(decodeList(FileDiff, notes("s-revert-unrevert-fork").diffForMessage).items[0].status, "added");
    assert.equal(decodeList(Part, notes("l-llm-malformed").lastMessageParts).items[0].type, "step-start");
    const state = Part.parse({ ...ids, type: "tool", tool: "write", callID: "c", state: (notes("c2-write-permission-reject-with-message").lastToolState as unknown[])[0] });
    assert.ok(state.type === "tool" && state.state.status === "error" && state.state.error.includes("Please name it differently"));
  });

  it("decodeList drops only the items that fail", () => {
    assert.deepEqual(decodeList(Todo, [{ content: "a", status: "pending" }, { content: 1 }]), { items: [{ content: "a", status: "pending" }], dropped: 1 });
    assert.deepEqual(decodeList(Todo, { not: "a list" }), { items: [], dropped: 1 });
  });

  it("parse GET /session/status, which lists only sessions that are not idle", () => {
    assert.deepEqual(SessionStatusMap.parse({}), {});
    assert.deepEqual(SessionStatusMap.parse({ ses_1: { type: "busy" } }), { ses_1: { type: "busy" } });
  });
});
