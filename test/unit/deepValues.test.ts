// opencode stores a tool call's arguments as the model sent them: a model can nest them thousands
// of levels deep. structuredClone throws from about 4,000 levels and JSON.stringify from about
// 6,000, and both run on every panel flush (Pager.view, snapshot), so such a part kept a session
// from ever reaching the panel. Free-form values are bounded where they are decoded.
import * as assert from "node:assert/strict";
import { decodeEvent } from "../../src/protocol/events";
import { reduce } from "../../src/protocol/reducer";
import { MessageWithParts } from "../../src/protocol/rest";
import { createFolderState, findSession, snapshot } from "../../src/protocol/state";
import { Pager } from "../../src/shared/paging";
import { bounded, maxNodes, nestedTooDeep, tooManyValues } from "../../src/protocol/bounded";

const S = "ses_1";
const info = { id: "msg_2", sessionID: S, role: "assistant", parentID: "msg_1", time: { created: 2 } };
/** `levels` nested arrays around "bottom", built as JSON text the way it comes off the wire (~8 KB for 4,000). */
const deepJson = (levels: number) => `${"[".repeat(levels)}"bottom"${"]".repeat(levels)}`;
const toolPart = (input: string, extra = "") =>
  `{"id":"prt_3","sessionID":"${S}","messageID":"msg_2","type":"tool","tool":"write","callID":"c1",` +
  `"state":{"status":"completed","input":{"args":${input}},"output":"done"${extra},"title":"","metadata":{"m":${input}},"time":{"start":1,"end":2}}}`;

function stateWith(partJson: string) {
  const state = createFolderState();
  for (const data of [`{"type":"message.updated","properties":{"info":${JSON.stringify(info)}}}`, `{"type":"message.part.updated","properties":{"part":${partJson}}}`]) {
    const d = decodeEvent(data);
    assert.equal(d.kind, "event", JSON.stringify(d).slice(0, 300));
    if (d.kind === "event") reduce(state, { kind: "event", event: d.event });
  }
  return state;
}

describe("deeply nested and oversized tool values", () => {
  for (const levels of [4_000, 10_000]) {
    it(`a tool input nested ${levels.toLocaleString("en")} levels deep can be paged, cloned and serialised, with a marker`, () => {
      const state = stateWith(toolPart(deepJson(levels)));
      const session = findSession(state, S)!;
      const view = new Pager().view(S, session);
      const json = JSON.stringify(snapshot(state));
      assert.ok(structuredClone(state));
      assert.ok(json.includes(JSON.stringify(nestedTooDeep)), "the marker shows where levels were cut");
      assert.ok(!json.includes("bottom"), "what was below the cut is gone");
      const part = view.session.messages[0].parts[0];
      assert.ok(part.type === "tool" && part.state.status === "completed" && part.state.output === "done");
    });
  }

  it("a REST load bounds the same way", () => {
    const raw = JSON.parse(`{"info":${JSON.stringify(info)},"parts":[${toolPart(deepJson(5_000))}]}`);
    const state = createFolderState();
    reduce(state, { kind: "messages", sessionID: S, messages: [MessageWithParts.parse(raw)] });
    assert.ok(JSON.stringify(structuredClone(state)).includes(JSON.stringify(nestedTooDeep)));
  });

  it("cuts an oversized string with a note saying how long it was, and leaves ordinary values as they came", () => {
    const huge = "x".repeat(5 * 1024 * 1024);
    const state = stateWith(toolPart(`{"a":[1,{"b":"shallow"}]}`, `,"error":"ignored","raw":"${huge}"`).replace(`"output":"done"`, `"output":"${huge}"`));
    const part = findSession(state, S)!.messages[0].parts[0];
    assert.ok(part.type === "tool" && part.state.status === "completed");
    assert.ok(part.state.output.length < huge.length && /…\(truncated: 5,242,880 characters\)$/.test(part.state.output), part.state.output.slice(-60));
    assert.deepEqual(part.state.input, { args: { a: [1, { b: "shallow" }] } });
  });

  it("cuts a container past the value budget, keeps __proto__ a key, and copies nothing within bounds", () => {
    const wide = bounded(Object.fromEntries(Array.from({ length: maxNodes + 10 }, (_, i) => [`k${i}`, i])));
    assert.equal(Object.keys(wide).length, maxNodes + 1);
    assert.equal(wide["…"], tooManyValues);
    const long = bounded(Array.from({ length: maxNodes + 10 }, (_, i) => i));
    assert.equal(long.length, maxNodes + 1);
    assert.equal(long.at(-1), tooManyValues);
    const tricky = bounded(JSON.parse(`{"__proto__":{"deep":${deepJson(100)}}}`) as Record<string, unknown>);
    assert.equal(Object.getPrototypeOf(tricky), Object.prototype);
    assert.ok(JSON.stringify(tricky).startsWith(`{"__proto__":{"deep":[[`));
    const ordinary = { a: [1, { b: "c" }], d: null };
    assert.equal(bounded(ordinary), ordinary);
  });
});
