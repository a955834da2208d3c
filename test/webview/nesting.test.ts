// One bad message must never take the conversation down. Deeply nested markdown made marked throw
// a RangeError (its lexer and parser recurse per list, quote and emphasis level) inside a Preact
// render; the tree was left half-diffed, so no message rendered and later `state` messages failed
// too until the webview reloaded. These run the real bundle: the markdown depth limit keeps the
// parser's recursion bounded, and a part whose render throws anyway falls back to plain text.
import * as assert from "node:assert/strict";
import type { MessageState } from "../../src/protocol/state";
import { WebviewBench } from "./bench";
import { assistant, stateOf, user } from "./markdownBench";

/** A todowrite call whose input is not the shape the card reads: its card throws while rendering. */
function brokenTodo(id: string): MessageState {
  const m = assistant(id, "");
  m.parts = [{ id: `prt_${id}`, sessionID: "ses_1", messageID: id, type: "tool", tool: "todowrite", callID: "c1",
    state: { status: "completed", input: { todos: [{ content: "shape the server never sent" }] }, output: "", title: "", metadata: {}, time: { start: 1, end: 2 } } } as MessageState["parts"][number]];
  return m;
}

describe("webview bench: a message that cannot render", function () {
  let bench: WebviewBench;
  afterEach(async () => bench?.close());

  it("a part whose render throws shows as plain text; its neighbours and later updates render", async () => {
    bench = await WebviewBench.open({ viewport: { width: 420, height: 1200 } });
    await bench.post(stateOf([user("msg_0", "make a todo list"), brokenTodo("msg_1"), assistant("msg_2", "after the **broken** card")]));
    await bench.settle();
    const text = await bench.text();
    assert.ok(text.includes("after the broken card"), text);
    assert.ok(text.includes("todowrite"), `the broken card has no plain-text fallback: ${text}`);
    assert.ok(text.includes("shape the server never sent"), `the fallback does not show the part's content: ${text}`);
    assert.equal(await bench.page.locator(".part-fallback").count(), 1);
    assert.ok(bench.errors.some(e => /could not render/.test(e)), `the failure was not logged: ${bench.errors.join("\n")}`);
    await bench.post(stateOf([user("msg_0", "make a todo list"), brokenTodo("msg_1"), assistant("msg_2", "after"), assistant("msg_3", "a later *state*")]));
    await bench.settle();
    assert.match(await bench.text(), /a later state/);
  });
});
