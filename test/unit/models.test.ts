// Which model answers (src/models/engine/answering), the reachability probe, the check's challenge,
// and that the catalogue schemas keep no key.
import * as assert from "node:assert/strict";
import * as net from "node:net";
import { answeringModel } from "../../src/models/engine/answering";
import { apiEndpoint, unreachable } from "../../src/models/engine/reachability";
import { challenge, isModelCheckSession, modelCheckTitle } from "../../src/models/engine/checkModel";
import { ModelCatalogue, ModelConfig } from "../../src/protocol/models";

const catalogue = ModelCatalogue.parse({
  providers: [
    { id: "opencode", name: "OpenCode Zen", options: { apiKey: "public" }, models: { "big-pickle": { name: "Big Pickle", cost: { input: 0, output: 0 }, api: { url: "https://opencode.ai/zen/v1" } } } },
    { id: "anthropic", name: "Anthropic", options: { apiKey: "sk-ant-secret" }, models: { sonnet: { name: "Sonnet", cost: { input: 3, output: 15 }, api: { url: "https://api.anthropic.com/v1" }, variants: { high: {}, max: {} } } } },
    { id: "local", name: "Local", options: { baseURL: "http://127.0.0.1:1234/v1", apiKey: "x" }, models: { qwen: { api: { url: "" } } } },
  ],
  default: { opencode: "big-pickle", anthropic: "sonnet", local: "qwen" },
});
const config = (c: Record<string, unknown> = {}) => ModelConfig.parse(c);

describe("models (src/models/engine)", () => {
  it("the folder's pick, then the config's model (the setting's, as the server started)", () => {
    const pick = (chosen?: string, setting?: string, model?: string) => {
      const a = answeringModel(catalogue, config({ model }), chosen, setting);
      return "problem" in a ? a.problem : `${a.ref} ${a.source}`;
    };
    assert.equal(pick("local/qwen", "anthropic/sonnet", "anthropic/sonnet"), "local/qwen chosen");
    assert.equal(pick(undefined, "anthropic/sonnet", "anthropic/sonnet"), "anthropic/sonnet setting", "the setting, as the server started with it");
    assert.equal(pick(undefined, undefined, "opencode/big-pickle"), "opencode/big-pickle config");
    assert.equal(pick(undefined, "anthropic/sonnet", "opencode/big-pickle"), "opencode/big-pickle config", "a setting changed since the start applies at the next one");
    assert.equal(pick("gone/model"), "unknownModel");
  });

  it("else the first provider the config names (not the first listed), with its default model", () => {
    const a = answeringModel(catalogue, config({ provider: { anthropic: { options: { apiKey: "sk" } } } }), undefined, undefined);
    assert.ok(!("problem" in a));
    assert.deepEqual([a.ref, a.source, a.price, a.variants, a.apiUrl, a.builtIn], ["anthropic/sonnet", "default", "$3 in / $15 out per 1M tokens", ["high", "max"], "https://api.anthropic.com/v1", false]);
    const first = answeringModel(catalogue, config(), undefined, undefined);
    assert.ok(!("problem" in first));
    assert.deepEqual([first.ref, first.builtIn, first.price], ["opencode/big-pickle", true, "no price known"]);
  });

  it("a provider's baseURL is the API a model is reached at; no providers is no model", () => {
    const a = answeringModel(catalogue, config(), "local/qwen", undefined);
    assert.ok(!("problem" in a));
    assert.equal(a.apiUrl, "http://127.0.0.1:1234/v1");
    assert.equal(a.modelName, "qwen", "the id when the catalogue has no name");
    assert.deepEqual(answeringModel(ModelCatalogue.parse({ providers: [] }), config(), "local/qwen", undefined), { problem: "noProvider" });
  });

  it("keeps no key: options are read for baseURL only, the config's provider block for its ids only", () => {
    assert.doesNotMatch(JSON.stringify(catalogue), /sk-ant-secret|apiKey/);
    assert.deepEqual(config({ provider: { anthropic: { options: { apiKey: "sk-ant-secret" } } } }).provider, ["anthropic"]);
  });

  it("probes an API's host and port, and says why it cannot connect", async () => {
    assert.deepEqual(apiEndpoint("https://opencode.ai/zen/v1"), { host: "opencode.ai", port: 443 });
    assert.deepEqual(apiEndpoint("http://[::1]:8080/v1"), { host: "::1", port: 8080 });
    assert.equal(apiEndpoint("unix:/x"), undefined);
    const server = net.createServer(s => s.destroy());
    await new Promise<void>(ok => server.listen(0, "127.0.0.1", ok));
    const port = (server.address() as net.AddressInfo).port;
    assert.equal(await unreachable(`http://127.0.0.1:${port}/v1`), undefined);
    await new Promise<void>(ok => server.close(() => ok()));
    assert.match(await unreachable(`http://127.0.0.1:${port}/v1`) ?? "", /refused the connection \(ECONNREFUSED\)/);
    assert.match(await unreachable("https://no-such-host.invalid/v1", 2_000) ?? "", /no-such-host\.invalid has no address|no DNS answer/);
  });

  it("a check's challenge is a random sum it knows the answer to; its session is recognised by title", () => {
    const values = [0, 0.999];
    const c = challenge(() => values.shift()!);
    assert.deepEqual(c, { prompt: "Reply with only the number: 10+89", expected: "99" });
    assert.ok(isModelCheckSession(modelCheckTitle));
    assert.ok(!isModelCheckSession("My session"));
  });
});
