// The markdown component in the real bundle: lazy highlighting, streaming, clicks, themes.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { assistant, completed, delta, showMarkdown, stateOf, user } from "./markdownBench";

export const richAnswer = [
  "# Plan", "", "The failure comes from `src/chat/html.ts:12` and **./webview/main.ts**; see [the CSP docs](https://developer.mozilla.org/docs/Web/HTTP/CSP).", "",
  "## Steps", "", "1. Build with `npm run build`", "2. Check `package.json`", "   - nested *item*", "   - another", "3. Run the tests", "",
  "> **Note:** high-contrast themes must stay readable.", "",
  "| File | Change | Lines |", "| --- | --- | ---: |", "| `esbuild.mjs` | ESM split | 12 |", "| src/chat/html.ts | CSP | 4 |", "",
  "```ts", "export function greet(name: string): string {", "  // a comment", "  return `hello ${name}` + 42;", "}", "```", "",
  "```python", "class Greeter:", "    def greet(self, name: str) -> str:", "        return f\"hi {name}\"  # comment", "```", "",
  "```rust", "fn main() {", "    let n: u32 = 7;", "    println!(\"{}\", n);", "}", "```", "",
  "Done. Inline `code`, a ~~strike~~ and a link: <https://example.com>.",
].join("\n");

const hljsSpans = (bench: WebviewBench, lang: string) =>
  bench.page.locator(`.md code[data-lang="${lang}"][data-hl="done"] span[class^="hljs-"]`).count();

describe("webview bench: markdown", function () {
  let bench: WebviewBench;
  afterEach(async () => bench?.close());

  it("loads highlight.js and a language only when a finished block needs it, then colours it", async () => {
    bench = await WebviewBench.open();
    assert.ok(!bench.requests.some(u => /\/chunks\/(core|rust)-/.test(u)), "highlighting loaded before any code block");
    await showMarkdown(bench, "```rust\nfn main() { let x: u32 = 1; }\n```\n");
    await bench.page.waitForSelector('.md code[data-lang="rust"][data-hl="done"]');
    assert.ok(await hljsSpans(bench, "rust") > 0, "no hljs spans");
    assert.ok(bench.requests.some(u => /\/dist\/webview\/chunks\/rust-\w+\.js$/.test(u)), bench.requests.join("\n"));
    assert.ok(!bench.requests.some(u => /\/chunks\/python-/.test(u)), "an unused language loaded");
  });

  it("streams: finished blocks keep their DOM, the growing block is not highlighted until done", async () => {
    bench = await WebviewBench.open();
    const head = "Intro paragraph.\n\n```ts\nconst a = 1;\n```\n\n";
    // The line after the fence is complete ("\n"), so the fence block is finished; a partial line would still belong to it.
    await bench.post(stateOf([assistant("m", head + "Streaming\n", true)]));
    await bench.page.waitForSelector('.md code[data-lang="typescript"][data-hl="done"]');
    await bench.page.evaluate(() => { (document.querySelector(".md .md-block p") as HTMLElement & { __mark?: number }).__mark = 1; });
    // Deltas, as the host streams them (a full `state` would rebuild the list).
    await bench.post(delta("m", "grows\n\n```ts\nlet b = 2;\n```"));
    const kept = await bench.page.evaluate(() => (document.querySelector(".md .md-block p") as HTMLElement & { __mark?: number }).__mark);
    assert.equal(kept, 1, "a finished block was re-rendered by a delta");
    await bench.page.waitForTimeout(200);
    assert.equal(await bench.page.locator('.md-block:last-child code[data-lang="typescript"]').getAttribute("data-hl"), null, "the streaming block was highlighted");
    await bench.post(completed("m"));
    await bench.page.waitForSelector('.md-block:last-child code[data-lang="typescript"][data-hl="done"]');
  });

  // Task lengths are printed, not asserted: timings belong in benchmarks, and this machine is shared.
  it("colours a 3,000-line block in idle slices (long tasks printed)", async () => {
    bench = await WebviewBench.open();
    const code = Array.from({ length: 3000 }, (_, i) => `const v${i}: number = ${i} * 2; // line ${i}`).join("\n");
    await bench.page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver(l => l.getEntries().forEach(e => w.__long.push(e.duration))).observe({ type: "longtask" });
    });
    await showMarkdown(bench, "```ts\n" + code + "\n```\n");
    // The first parse and layout of the plain block are the renderer's, not the highlighter's: start counting after two frames.
    await bench.page.evaluate(() => new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await bench.page.evaluate(() => { (window as unknown as { __long: number[] }).__long.length = 0; });
    await bench.page.waitForSelector('.md code[data-lang="typescript"][data-hl="done"]', { timeout: 30_000 });
    const long = await bench.page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    console.log(`      long tasks while highlighting: ${long.length ? long.map(d => d.toFixed(0)).join(", ") + " ms" : "none"}`);
    assert.ok(await bench.page.locator('.md code[data-lang="typescript"] span[class^="hljs-"]').count() > 3000, "the block was not coloured to its end");
  });

  it("links post openLink, paths post openFile, code buttons copy and insert", async () => {
    bench = await WebviewBench.open();
    await bench.page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: bench.origin });
    await showMarkdown(bench, "See [docs](https://example.com/docs) and `src/a.ts:12`, ./x/y.py and [file](webview/main.ts:3).\n\n```js\nconsole.log(1)\n```\n");
    await bench.page.click("text=docs");
    await bench.page.click(".md-path >> text=src/a.ts:12");
    await bench.page.click(".md-path >> text=./x/y.py");
    await bench.page.click("text=file");
    await bench.page.click("[data-md-action=insert]");
    await bench.page.click("[data-md-action=copy]");
    const posted = (await bench.posted()).filter(m => m.type !== "ready");
    assert.deepEqual(posted, [
      { type: "openLink", url: "https://example.com/docs" },
      { type: "openFile", path: "src/a.ts", line: 12 },
      { type: "openFile", path: "./x/y.py" },
      { type: "openFile", path: "webview/main.ts", line: 3 },
      { type: "insertCode", code: "console.log(1)\n" },
    ]);
    assert.equal(await bench.page.evaluate(() => navigator.clipboard.readText()), "console.log(1)\n");
    assert.equal(await bench.page.evaluate(() => location.href), `${bench.origin}/`);
  });

  it("a finished one-block message whose text is replaced (not grown) shows the new text", async () => {
    bench = await WebviewBench.open();
    await showMarkdown(bench, "first **version**");
    await bench.post(stateOf([assistant("msg_1", "second *version*")]));
    await bench.settle();
    assert.equal(await bench.page.locator(".md").innerText(), "second version");
  });

  it("keyboard: a path is focusable and opens with Enter", async () => {
    bench = await WebviewBench.open();
    await showMarkdown(bench, "Open `README.md:2` now.");
    await bench.page.focus(".md-path");
    await bench.page.keyboard.press("Enter");
    assert.deepEqual((await bench.posted()).at(-1), { type: "openFile", path: "README.md", line: 2 });
  });

  for (const theme of ["dark", "light", "high-contrast"] as const) {
    it(`renders a markdown-heavy answer in the ${theme} theme (screenshot)`, async () => {
      bench = await WebviewBench.open({ theme });
      await bench.post(stateOf([user("msg_0", "Why does the webview stay blank?"), assistant("msg_1", richAnswer)]));
      for (const lang of ["ts", "python", "rust"]) await bench.page.waitForSelector(`.md code[data-lang="${lang === "ts" ? "typescript" : lang}"][data-hl="done"]`);
      const contrast = await bench.page.evaluate(() => [...document.querySelectorAll(".md *")].filter(e => {
        const s = getComputedStyle(e);
        return e.childNodes.length && s.color === s.backgroundColor;
      }).length);
      assert.equal(contrast, 0, "text drawn in its own background colour");
      console.log(`      screenshot: ${await bench.screenshot(`markdown-${theme}`, true)}`);
    });
  }
});
