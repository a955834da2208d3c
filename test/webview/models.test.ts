// The model line before the first prompt, the header's model chip and session totals, and costs
// without a price, in headless chromium under the real CSP.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { demoView, panelFor } from "./sessions";
import type { ModelLine, PanelInfo, SessionView, WebviewMessage } from "../../src/shared/messages";

const fakeLine: ModelLine = { model: { name: "Fake Model", provider: "Fake LLM", ref: "fake/fake-model", price: "$3 in / $15 out per 1M tokens", why: "opencode's config" } };
const noSession = { kind: "noSession" as const, message: "Ask opencode to explain, change or build something in ws." };

/** The demo session with every price taken away: real tokens, cost 0 (a model opencode has no price for). */
function unpricedView(): SessionView {
  const v = demoView();
  for (const m of v.session.messages) for (const p of m.parts) if (p.type === "step-finish") p.cost = 0;
  return v;
}

describe("webview bench: models, costs and session totals", () => {
  let bench: WebviewBench;
  afterEach(async () => {
    if (bench) {
      assert.deepEqual(bench.errors, [], "console errors or page errors");
      assert.deepEqual(await bench.cspViolations(), []);
    }
    await bench?.close();
  });

  async function show(panel: PanelInfo, view?: SessionView, theme?: "dark" | "light" | "high-contrast"): Promise<void> {
    bench ??= await WebviewBench.open({ theme, viewport: { width: 440, height: 560 } });
    await bench.post({ type: "state", panel, view });
    await bench.settle();
  }
  const sent = async (): Promise<WebviewMessage[]> => (await bench.posted()).filter(m => m.type !== "ready");
  const open = async (theme?: "dark" | "light" | "high-contrast") => { await bench?.close(); bench = await WebviewBench.open({ theme, viewport: { width: 440, height: 560 } }); };

  it("an empty chat names the model that will answer, with change, check and connect", async () => {
    await open();
    await show(panelFor({ empty: noSession, answering: fakeLine }));
    const line = bench.page.getByRole("region", { name: "Model for the next prompt" });
    assert.match(await line.innerText(), /Next reply from Fake Model · Fake LLM · \$3 in \/ \$15 out per 1M tokens/);
    assert.equal(await bench.page.locator(".model-chip").innerText(), "Fake Model", "the header's chip names it too");
    await line.getByRole("button", { name: "Change model" }).click();
    await line.getByRole("button", { name: "Check model" }).click();
    await line.getByRole("button", { name: "Connect a provider" }).click();
    assert.deepEqual(await sent(), [
      { type: "pickModel" }, { type: "runCommand", command: "opencode.checkModel" }, { type: "manageProviders", forAnsweringModel: true },
    ]);
    console.log(`      screenshot: ${await bench.screenshot("models-line-dark")}`);
  });

  it("no model: says so before the prompt, the fix is the primary button, and the chip says No model", async () => {
    await open("light");
    const message = "No model can answer yet: opencode has no provider connected. Connect a provider (an API key or a login) to start.";
    await show(panelFor({ empty: noSession, model: undefined, answering: { problem: { kind: "noModel", message } } }));
    assert.equal(await bench.page.getByRole("alert").innerText(), message);
    assert.equal(await bench.page.locator(".model-line button.primary").innerText(), "Connect a provider");
    assert.equal(await bench.page.getByRole("button", { name: "Check model" }).count(), 0, "nothing to check");
    assert.equal(await bench.page.locator(".model-chip").innerText(), "No model");
    console.log(`      screenshot: ${await bench.screenshot("models-none-light")}`);
  });

  it("an unreachable API host is warned about before the prompt, in a conversation too", async () => {
    await open("high-contrast");
    const warn: ModelLine = { ...fakeLine, problem: { kind: "unreachable", message: "Can't reach opencode.ai (opencode.ai has no address (ENOTFOUND)): connect another provider or choose a model." } };
    await show(panelFor({ answering: warn }), demoView());
    assert.match(await bench.page.getByRole("alert").innerText(), /^Can't reach opencode\.ai/);
    console.log(`      screenshot: ${await bench.screenshot("models-unreachable-hc", true)}`);
  });

  it("the header sums the session's tokens and cost, in the footers' format", async () => {
    await open();
    await show(panelFor({ answering: fakeLine }), demoView());
    // Steps: 12,400 + 310 + 120 reasoning + 8,200 cache read, then 13,900 + 95; $0.0421 + $0.0113.
    assert.equal(await bench.page.locator(".totals").innerText(), "Σ 35.0k tok · $0.053");
    assert.deepEqual(await bench.page.locator(".msg-footer").allInnerTexts(), ["26.3k in · 405 out · 120 reasoning · cache 8.2k read / 0 write · $0.053 · 2 steps"]);
    console.log(`      screenshot: ${await bench.screenshot("models-totals-dark")}`);
  });

  it("a model without a price: tokens and \"no price known\", never $0", async () => {
    await open();
    await show(panelFor({ answering: fakeLine }), unpricedView());
    assert.equal(await bench.page.locator(".totals").innerText(), "Σ 35.0k tok · no price known");
    assert.match((await bench.page.locator(".msg-footer").allInnerTexts()).join("\n"), /· no price known · 2 steps$/);
    assert.doesNotMatch(await bench.text(), /\$0(\.0+)?\b(?!\.)/);
  });
});
