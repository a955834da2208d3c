// One bad message must never take the conversation down. Deeply nested markdown made marked throw
// a RangeError (its lexer and parser recurse per list, quote and emphasis level) inside a Preact
// render; the tree was left half-diffed, so no message rendered and later `state` messages failed
// too until the webview reloaded. These run the real bundle: the markdown depth limit keeps the
// parser's recursion bounded, and a part whose render throws anyway falls back to plain text.
import * as assert from "node:assert/strict";
import type { MessageState } from "../../src/protocol/state";
import { WebviewBench } from "./bench";
import { assistant, stateOf, user } from "./markdownBench";
import { deepMarkdown } from "../hostileMarkdown";

// A spread of the kinds, one state each (every one of them takes a render of the real bundle).
const hostile = Object.fromEntries(["bullets", "quotes", "mixed", "ordered", "stars", "emphasis", "strike", "indented"].map(k => [k, deepMarkdown[k]]));

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

  it("renders the other messages, shows the bad ones as text, and keeps rendering later states", async () => {
    bench = await WebviewBench.open({ viewport: { width: 420, height: 1400 } });
    // One state per hostile message, each after the one before: a later state must render too.
    for (const [name, hostileText] of Object.entries(hostile)) {
      await bench.post(stateOf([user("msg_0", `normal question ${name}`), assistant("msg_1", `before ${name}: **fine**`),
        assistant("msg_2", `${hostileText} end-${name}`), assistant("msg_3", `after ${name} with \`code\``)]));
      await bench.settle();
      const text = await bench.text();
      for (const want of [`normal question ${name}`, `before ${name}: fine`, `after ${name} with code`, `end-${name}`]) {
        assert.ok(text.includes(want), `${name}: "${want}" is not on screen: ${text.slice(0, 300)}`);
      }
      // Nothing the parser made is nested past the limit (the DOM's own depth shows it).
      const depth = await bench.page.evaluate(() => Math.max(...[...document.querySelectorAll(".md *")].map(e => {
        let d = 0;
        for (let p: Element | null = e; p && !p.classList.contains("md"); p = p.parentElement) d++;
        return d;
      })));
      assert.ok(depth < 120, `${name}: markdown nested ${depth} elements deep`);
      if (name === "quotes") console.log(`      screenshot: ${await bench.screenshot("nesting-hostile")}`);
    }
    assert.deepEqual(bench.errors, [], "a message failed to render");
    await bench.post(stateOf([user("msg_9a", "a later prompt"), assistant("msg_9b", "a later **answer**")]));
    await bench.settle();
    assert.match(await bench.text(), /a later answer/, "a later state did not render");
  });

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
