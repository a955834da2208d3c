import * as assert from "node:assert/strict";
import { WebviewBench, chromiumVersion } from "./bench";
import type { PanelInfo } from "../../src/shared/messages";

const snapshot: PanelInfo = {
  folders: [{ name: "api", path: "/work/api" }, { name: "web", path: "/work/web" }],
  banner: "Demo mode: replies come from a scripted local model.",
  server: { kind: "stopped", detail: "" }, queue: [],
};

describe("webview bench: the panel in headless chromium", () => {
  let bench: WebviewBench;
  before(async () => console.log(`      chromium ${await chromiumVersion()}`));
  afterEach(async () => bench?.close());

  it("says ready first, then renders the host's snapshot", async () => {
    bench = await WebviewBench.open();
    assert.deepEqual(await bench.posted(), [{ type: "ready" }]);
    await bench.post({ type: "state", panel: snapshot });
    const text = await bench.text();
    for (const s of ["opencode", "api", "web", "Demo mode"]) assert.ok(text.includes(s), `missing ${s} in ${JSON.stringify(text)}`);
    assert.equal(await bench.page.getAttribute("[role=status]", "class"), "banner");
  });

  it("answers the test hook's text request with its rendered text", async () => {
    bench = await WebviewBench.open();
    await bench.post({ type: "state", panel: snapshot });
    await bench.post({ type: "test.getText", requestId: "r1" });
    const reply = (await bench.posted()).find(m => m.type === "test.text");
    assert.ok(reply && reply.type === "test.text");
    assert.equal(reply.requestId, "r1");
    assert.match(reply.text, /api[\s\S]*web/);
  });

  it("paints its saved state before the host answers (a reloaded view is not blank)", async () => {
    bench = await WebviewBench.open({ savedState: snapshot });
    assert.match(await bench.text(), /api[\s\S]*web/);
  });

  it("shows hostile folder names as text, never as markup", async () => {
    bench = await WebviewBench.open();
    const evil = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    await bench.post({ type: "state", panel: { folders: [{ name: evil, path: "/x" }], server: { kind: "stopped", detail: "" }, queue: [] } });
    assert.ok((await bench.text()).includes(evil));
    assert.equal(await bench.page.locator("#root img, #root script").count(), 0);
    assert.equal(await bench.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  for (const theme of ["dark", "light", "high-contrast"] as const) {
    it(`renders in the ${theme} theme (screenshot)`, async () => {
      bench = await WebviewBench.open({ theme });
      await bench.post({ type: "state", panel: snapshot });
      const colors = await bench.page.evaluate(() => ({ fg: getComputedStyle(document.body).color, bg: getComputedStyle(document.body).backgroundColor }));
      assert.notEqual(colors.fg, colors.bg, "text colour equals background colour");
      const file = await bench.screenshot(`panel-${theme}`);
      console.log(`      screenshot: ${file}`);
    });
  }
});
