// The reducer keeps a message's parts sorted by id, whatever order they arrive in. opencode sends
// them ascending; a broken or hostile server may not, and sorted inserts one at a time made 50,000
// descending parts quadratic. Work is compared with the ascending case in the same run.
import * as assert from "node:assert/strict";
import { decodeEvent, type KnownEvent } from "../../src/protocol/events";
import { reduce } from "../../src/protocol/reducer";
import { createFolderState, findSession, snapshot, type FolderState } from "../../src/protocol/state";

const S = "ses_1", M = "msg_2";
function ev(type: string, properties: unknown): KnownEvent {
  const d = decodeEvent(JSON.stringify({ type, properties }));
  if (d.kind !== "event") throw new Error(`bad test event ${type}: ${JSON.stringify(d)}`);
  return d.event;
}
const textPart = (id: string, text = "") => ({ id, sessionID: S, messageID: M, type: "text", text });
const template = ev("message.part.updated", { part: textPart("prt_0") });
/** A part snapshot for `prt_<n>` (zero-padded, so the ids sort like the numbers), cloned from a decoded one. */
const partEvent = (n: number, text = ""): KnownEvent => {
  const e = template as Extract<KnownEvent, { type: "message.part.updated" }>;
  return { ...e, properties: { ...e.properties, part: { ...e.properties.part, id: `prt_${String(n).padStart(6, "0")}`, text } as typeof e.properties.part } };
};

function withMessage(): FolderState {
  const state = createFolderState();
  reduce(state, { kind: "event", event: ev("message.updated", { info: { id: M, sessionID: S, role: "assistant", parentID: "msg_1", time: { created: 2 } } }) });
  return state;
}
const partsOf = (state: FolderState) => findSession(state, S)!.messages[0].parts;
const ids = (state: FolderState) => partsOf(state).map(p => p.id);

function insertAll(order: number[]): { ms: number; state: FolderState } {
  const events = order.map(n => partEvent(n));
  const state = withMessage();
  const t0 = performance.now();
  for (const event of events) reduce(state, { kind: "event", event });
  partsOf(state); // reading them settles any pending order
  return { ms: performance.now() - t0, state };
}

describe("reducer: part order", function () {
  this.timeout(120_000);
  const n = 50_000;
  const ascending = Array.from({ length: n }, (_, i) => i);

  it("inserts 50,000 parts in descending id order within 5x the time of ascending", () => {
    insertAll(ascending.slice(0, 2000)); // warm-up
    const up = Math.min(insertAll(ascending).ms, insertAll(ascending).ms);
    const down = insertAll([...ascending].reverse());
    assert.ok(down.ms < 5 * up + 50, `descending ${down.ms.toFixed(0)} ms vs ascending ${up.toFixed(0)} ms`);
    assert.deepEqual(ids(down.state), ids(insertAll(ascending).state));
  });

  it("keeps parts sorted, updatable and streamable whatever the arrival order", () => {
    const state = withMessage();
    const order = [5, 1, 9, 3, 7, 2, 8, 0, 6, 4, ...Array.from({ length: 200 }, (_, i) => 1000 - i)];
    for (const k of order) reduce(state, { kind: "event", event: partEvent(k, `t${k}`) });
    reduce(state, { kind: "event", event: partEvent(3, "three") });
    reduce(state, { kind: "event", event: ev("message.part.delta", { sessionID: S, messageID: M, partID: "prt_000801", field: "text", delta: "!" }) });
    const sorted = [...new Set(order)].sort((a, b) => a - b);
    assert.deepEqual(ids(state), sorted.map(k => `prt_${String(k).padStart(6, "0")}`));
    const texts = new Map(partsOf(state).map(p => [p.id, p.type === "text" ? p.text : ""]));
    assert.equal(texts.get("prt_000003"), "three");
    assert.equal(texts.get("prt_000801"), "t801!");
    // Copies see the same sorted parts: a snapshot, a structured clone, a message.updated's new object.
    assert.deepEqual(snapshot(state), JSON.parse(JSON.stringify(structuredClone(state))));
    assert.deepEqual(snapshot(state).sessions[S].messages[0].parts.map(p => p.id), ids(state));
    reduce(state, { kind: "event", event: partEvent(500, "late") });
    reduce(state, { kind: "event", event: ev("message.updated", { info: { id: M, sessionID: S, role: "assistant", parentID: "msg_1", time: { created: 2, completed: 3 } } }) });
    assert.equal(ids(state).length, sorted.length + 1);
    assert.ok(ids(state).every((id, i, all) => i === 0 || all[i - 1] < id), "sorted after message.updated");
  });
});
