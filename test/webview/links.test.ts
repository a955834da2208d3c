// Every URL the panel renders goes through one scheme check (src/shared/linkScheme.ts). The Fetch
// card used to render the model's URL as given: a middle-click on a `javascript:` URL reached the
// browser and only the CSP stopped it. These run the real bundle under the real CSP.
import * as assert from "node:assert/strict";
import type { MessageState } from "../../src/protocol/state";
import { WebviewBench } from "./bench";
import { assistant, stateOf, user } from "./markdownBench";

/** An assistant message with one completed tool call. */
export function toolMessage(id: string, tool: string, input: Record<string, unknown>, over: Record<string, unknown> = {}): MessageState {
  const m = assistant(id, "");
  m.parts = [{ id: `prt_${id}`, sessionID: "ses_1", messageID: id, type: "tool", tool, callID: `call_${id}`,
    state: { status: "completed", input, output: "", title: "", metadata: {}, time: { start: 1, end: 2 }, ...over } } as MessageState["parts"][number]];
  return m;
}

const hostileUrls = ["javascript:window.__xss=1", "JAVASCRIPT:window.__xss=2", "java\tscript:window.__xss=3", "a1:payload",
  "data:text/html,<script>parent.__xss=4</script>", "vbscript:msgbox(1)", "//evil.invalid/x", "file:///etc/passwd"];

describe("webview bench: links", function () {
  let bench: WebviewBench;
  afterEach(async () => bench?.close());

  it("a Fetch card with a hostile URL shows it as text: no link, and clicks of any button do nothing", async () => {
    bench = await WebviewBench.open({ viewport: { width: 420, height: 1400 } });
    const popups: string[] = [];
    bench.page.context().on("page", p => popups.push(p.url()));
    await bench.page.evaluate(() => addEventListener("auxclick", e => { (window as unknown as { __aux: boolean[] }).__aux = [...((window as unknown as { __aux?: boolean[] }).__aux ?? []), e.defaultPrevented]; }));
    await bench.post(stateOf([user("msg_0", "fetch these"), ...hostileUrls.map((url, i) => toolMessage(`msg_${i + 1}`, "webfetch", { url })),
      toolMessage("msg_9", "webfetch", { url: "https://example.com/docs" })]));
    await bench.settle();
    const hrefs = await bench.page.evaluate(() => [...document.querySelectorAll("#root [href]")].map(a => a.getAttribute("href")));
    for (const url of hostileUrls) {
      assert.ok(!hrefs.some(h => h !== null && h.replace(/[\t\n\r]/g, "").toLowerCase() === url.replace(/[\t\n\r]/g, "").toLowerCase()), `a link to ${url}: ${hrefs.join(", ")}`);
      const shown = bench.page.locator(".tool", { hasText: url.replace(/\t/g, " ").slice(0, 12) }).first();
      assert.equal(await shown.count(), 1, `${JSON.stringify(url)} is not shown as text`);
    }
    for (const button of ["left", "middle", "right"] as const) {
      for (const el of await bench.page.locator(".tool-head > :last-child").all()) await el.click({ button, force: true });
    }
    await bench.page.waitForTimeout(300);
    assert.equal(await bench.page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, "a payload ran");
    assert.deepEqual(popups, [], "a click opened a page");
    assert.equal(await bench.page.evaluate(() => location.href), `${bench.origin}/`);
    assert.deepEqual(await bench.cspViolations(), [], "the CSP had to stop something");
    const aux = await bench.page.evaluate(() => (window as unknown as { __aux?: boolean[] }).__aux ?? []);
    assert.ok(aux.length > 0 && aux.every(Boolean), `a middle click was left to the browser: ${JSON.stringify(aux)}`);
    const opened = (await bench.posted()).filter(m => m.type === "openLink");
    assert.deepEqual(opened, [{ type: "openLink", url: "https://example.com/docs" }], "only the https link may post openLink, once (left click)");
  });

  it("markdown links and images with refused schemes keep their text and lose their href", async () => {
    bench = await WebviewBench.open();
    const md = hostileUrls.filter(u => !/[\t<]/.test(u)).map((u, i) => `[link ${i}](${u}) ![img ${i}](${u})`).join("\n\n");
    await bench.post(stateOf([assistant("msg_1", `${md}\n\n[ok](https://example.com/ok) [mail](mailto:a@example.com) [file](src/a.ts:3)`)]));
    await bench.page.waitForSelector(".md .md-block");
    const hrefs = await bench.page.evaluate(() => [...document.querySelectorAll(".md [href]")].map(a => a.getAttribute("href")));
    assert.deepEqual(hrefs, ["https://example.com/ok", "mailto:a@example.com", "src/a.ts:3"]);
    assert.match(await bench.page.locator(".md").innerText(), /link 0 \[image: img 0\]/);
  });

  it("the served page's CSP has base-uri 'none' and form-action 'none'", async () => {
    bench = await WebviewBench.open();
    const csp = await bench.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "");
    const directives = csp.split(/;\s*/);
    assert.ok(directives.includes("base-uri 'none'"), csp);
    assert.ok(directives.includes("form-action 'none'"), csp);
  });
});
