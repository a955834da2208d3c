// Models against real opencode 1.18.33: which model answers before the first prompt (and what real
// opencode then uses), nothing to answer with, an unreachable API host, Check Model passing and
// failing, and variants reaching the model's request.
import * as assert from "node:assert/strict";
import * as net from "node:net";
import { FakeModel, text } from "../fakes/fakeModel";
import { startRealOpencode, type RealOpencode } from "../fakes/realOpencode";
import { OpencodeApi } from "../../src/protocol/api";
import { MessageWithParts } from "../../src/protocol/rest";
import { askAnswering, type AnsweringModel } from "../../src/models/engine/answering";
import { modelLineOf } from "../../src/models/engine/modelLine";
import { checkModel, isModelCheckSession, modelCheckTitle } from "../../src/models/engine/checkModel";

const apiOf = (oc: RealOpencode) => new OpencodeApi(async () => oc, oc.workspace);
const fakeWithVariants = (model: FakeModel) => ({
  fake: {
    npm: "@ai-sdk/openai-compatible", name: "Fake LLM", options: { baseURL: model.baseUrl, apiKey: "sk-fake" },
    models: { "fake-model": { name: "Fake Model", tool_call: true, reasoning: true, limit: { context: 128000, output: 4096 }, variants: { high: { reasoningEffort: "high" }, low: { reasoningEffort: "low" } } } },
  },
});

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>(ok => s.listen(0, "127.0.0.1", ok));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>(ok => s.close(() => ok()));
  return port;
}

describe("models with real opencode", function () {
  this.timeout(120_000);
  let model: FakeModel;
  before(async () => { model = await FakeModel.start(); });
  after(async () => { await model?.close(); });
  beforeEach(() => model.reset());

  describe("the fake provider configured, no `model` in the config", () => {
    let oc: RealOpencode;
    before(async () => { oc = await startRealOpencode(model, { config: { model: undefined, small_model: undefined, provider: fakeWithVariants(model) } }); });
    after(async () => { await oc?.stop(); });

    it("names the model real opencode then answers with: the configured provider's, not the built-in one listed first", async () => {
      const api = apiOf(oc);
      const { answering, catalogue } = await askAnswering(api, undefined, undefined);
      assert.equal(catalogue.providers[0].id, "opencode", "the built-in provider is listed first");
      assert.ok(!("problem" in answering));
      assert.deepEqual([answering.ref, answering.modelName, answering.providerName, answering.source], ["fake/fake-model", "Fake Model", "Fake LLM", "default"]);
      assert.equal(answering.price, "no price known", "the config gives the fake model no cost");
      const line = await modelLineOf(answering, undefined);
      assert.deepEqual(line.problem, undefined, "its loopback API takes connections");
      // What real opencode does with a prompt that names no model:
      const session = await api.createSession({ title: "which model" });
      model.script(text("ok"));
      const reply = MessageWithParts.parse(await api.promptAndWait(session.id, [{ type: "text", text: "hi" }], {}, 60_000));
      assert.equal(reply.info.role === "assistant" && `${reply.info.providerID}/${reply.info.modelID}`, answering.ref);
    });

    it("a chosen model wins; one opencode does not have is a problem before any prompt", async () => {
      const chosen = (await askAnswering(apiOf(oc), "opencode/big-pickle", "fake/fake-model")).answering as AnsweringModel;
      assert.deepEqual([chosen.ref, chosen.source, chosen.builtIn], ["opencode/big-pickle", "chosen", true]);
      const missing = (await askAnswering(apiOf(oc), "nope/none", undefined)).answering;
      assert.deepEqual(missing, { problem: "unknownModel", ref: "nope/none", source: "chosen" });
      assert.match((await modelLineOf(missing, undefined)).problem!.message, /no model "nope\/none" \(chosen for this folder\)/);
    });

    it("Check Model passes on the scripted answer, in a titled session that is gone afterwards", async () => {
      const api = apiOf(oc);
      const random = () => 0.5; // 50 + 50
      model.handle(req => {
        const last = JSON.stringify(req.body.messages?.at(-1)?.content ?? "");
        return last.includes("Reply with only the number: 50+50") ? text("100") : undefined;
      });
      const sessionsSeen: string[] = [];
      const listing = setInterval(() => void api.listSessions().then(l => l.forEach(s => sessionsSeen.push(String(s.title)))), 50);
      const result = await checkModel(api, { model: { providerID: "fake", modelID: "fake-model" }, random }).finally(() => clearInterval(listing));
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.answer, "100");
      assert.equal(model.requests.filter(r => r.isTitleRequest).length, 0, "no title call: the session had a title");
      assert.ok(sessionsSeen.some(isModelCheckSession), "the listing saw the check's session while it lived (so its filter matters)");
      const after = await api.listSessions();
      assert.equal(after.filter(s => s.title === modelCheckTitle).length, 0, "deleted afterwards");
    });

    it("Check Model fails with the provider's exact error on a 401", async () => {
      model.handle(() => ({ kind: "http-error", status: 401, body: { error: { message: "Invalid API key provided", type: "invalid_request_error" } } }));
      const result = await checkModel(apiOf(oc), { model: { providerID: "fake", modelID: "fake-model" } });
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.error : "", /Invalid API key provided.*\(HTTP 401\)/);
      assert.equal((await apiOf(oc).listSessions()).filter(s => s.title === modelCheckTitle).length, 0);
    });

    it("Check Model gives up on a model answering 500 at its own timeout, says opencode was retrying, and cleans up", async () => {
      model.handle(() => ({ kind: "http-error", status: 500 }));
      const started = Date.now();
      const result = await checkModel(apiOf(oc), { model: { providerID: "fake", modelID: "fake-model" }, timeoutMs: 6_000 });
      assert.ok(Date.now() - started < 20_000, "the check's own timeout, not opencode's minute of retries");
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.error : "", /no answer within 6 s \(opencode was retrying: .*500/);
      assert.equal((await apiOf(oc).listSessions()).filter(s => s.title === modelCheckTitle).length, 0);
      const requestsAtCleanup = model.requests.length;
      // Barrier: a later turn in another session answers, so a retry of the aborted check would have arrived by then.
      model.handle(undefined);
      const api = apiOf(oc), s = await api.createSession({ title: "barrier" });
      model.script(text("done"));
      await api.promptAndWait(s.id, [{ type: "text", text: "barrier" }], {}, 60_000);
      assert.equal(model.requests.length, requestsAtCleanup + 1, "the aborted check sent nothing more");
    });

    it("a variant reaches the model's request and the assistant message records it", async () => {
      const api = apiOf(oc);
      const s = await api.createSession({ title: "variant" });
      model.script(text("hi"), text("hi again"));
      type Raw = { info: { variant?: string } };
      const high = await api.promptAndWait(s.id, [{ type: "text", text: "a" }], { model: { providerID: "fake", modelID: "fake-model" }, variant: "high" }, 60_000) as Raw;
      const low = await api.promptAndWait(s.id, [{ type: "text", text: "b" }], { model: { providerID: "fake", modelID: "fake-model" }, variant: "low" }, 60_000) as Raw;
      assert.deepEqual(model.requests.map(r => r.body.reasoning_effort), ["high", "low"]);
      assert.deepEqual([high.info.variant, low.info.variant], ["high", "low"]);
      const { answering } = await askAnswering(api, "fake/fake-model", undefined);
      // A reasoning model of an openai-compatible provider gets low/medium/high from opencode itself; the config adds to them.
      assert.deepEqual((answering as AnsweringModel).variants, ["low", "medium", "high"]);
    });
  });

  it("with the built-in provider disabled and no provider configured: no model, said before any prompt", async () => {
    const oc = await startRealOpencode(model, { config: { model: undefined, small_model: undefined, provider: undefined, disabled_providers: ["opencode"] } });
    try {
      const { answering, catalogue } = await askAnswering(apiOf(oc), undefined, undefined);
      assert.deepEqual(catalogue.providers, []);
      assert.deepEqual(answering, { problem: "noProvider" });
      const line = await modelLineOf(answering, undefined);
      assert.equal(line.problem?.kind, "noModel");
      assert.match(line.problem!.message, /Connect a provider/);
    } finally { await oc.stop(); }
  });

  it("with only the built-in provider, offline: its default model, and a warning that its host can't be reached", async () => {
    const oc = await startRealOpencode(model, { config: { model: undefined, small_model: undefined, provider: undefined } });
    try {
      const { answering } = await askAnswering(apiOf(oc), undefined, undefined);
      assert.ok(!("problem" in answering));
      assert.deepEqual([answering.providerID, answering.builtIn, answering.apiUrl], ["opencode", true, "https://opencode.ai/zen/v1"]);
      const line = await modelLineOf(answering, undefined, { probeMs: 2_000 });
      assert.equal(line.model?.provider, "OpenCode Zen");
      assert.equal(line.problem?.kind, "unreachable", "this machine is offline: opencode.ai does not resolve or connect");
      assert.match(line.problem!.message, /^Can't reach opencode\.ai .*: connect another provider or choose a model\.$/);
    } finally { await oc.stop(); }
  });

  it("a provider whose base URL takes no connection: the warning names its host", async () => {
    const port = await closedPort();
    const dead = { dead: { npm: "@ai-sdk/openai-compatible", name: "Dead LLM", options: { baseURL: `http://127.0.0.1:${port}/v1`, apiKey: "sk-dead" }, models: { m: { name: "Dead Model" } } } };
    const oc = await startRealOpencode(model, { config: { model: "dead/m", small_model: undefined, provider: dead, disabled_providers: ["opencode"] } });
    try {
      const { answering } = await askAnswering(apiOf(oc), undefined, undefined);
      assert.ok(!("problem" in answering));
      assert.equal(answering.source, "config");
      const line = await modelLineOf(answering, undefined);
      assert.match(line.problem?.message ?? "", new RegExp(`Can't reach 127\\.0\\.0\\.1 \\(127\\.0\\.0\\.1:${port} refused the connection \\(ECONNREFUSED\\)\\)`));
      assert.ok(!JSON.stringify(answering).includes("sk-dead"), "no key is kept");
    } finally { await oc.stop(); }
  });
});
