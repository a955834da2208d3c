// The webview served from the files of a real VSIX (production build, vsce package, unzipped):
// proves the shipped main.js finds its lazily imported language chunks in the package.
import * as assert from "node:assert/strict";
import { cleanVsix, packageVsix, type PackagedVsix } from "../harness/packageVsix";
import { WebviewBench } from "./bench";
import { showMarkdown } from "./markdownBench";

describe("webview bench: the packaged VSIX", function () {
  this.timeout(180_000);
  let vsix: PackagedVsix;
  let bench: WebviewBench | undefined;
  before(async () => { vsix = await packageVsix(); });
  after(async () => { await bench?.close(); if (vsix) cleanVsix(vsix); });

  it("renders markdown and highlights a lazily loaded language from the VSIX's own files", async () => {
    bench = await WebviewBench.open({ root: vsix.extensionDir });
    await showMarkdown(bench, "Shipped:\n\n```python\ndef f(x: int) -> int:\n    return x + 1\n```\n");
    await bench.page.waitForSelector('.md code[data-lang="python"][data-hl="done"] span[class^="hljs-"]');
    assert.ok(bench.requests.some(u => /\/dist\/webview\/chunks\/python-\w+\.js$/.test(u)), bench.requests.join("\n"));
    assert.ok(!bench.requests.some(u => u.endsWith(".map")), "a source map was requested");
    assert.deepEqual(await bench.cspViolations(), []);
  });
});
