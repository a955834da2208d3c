// The providers picker's rows from opencode 1.18.33's answers: the key never survives decoding,
// a config provider without a key is not connected whatever opencode's `connected` says, and the
// OAuth redirect port the remote case forwards.
import * as assert from "node:assert/strict";
import { AuthMethods, ProviderCatalog } from "../../src/protocol/providers";
import { hasConnectedOwnProvider, lacksCredential, loopbackRedirectPort, promptApplies, providerRows } from "../../src/providers/engine/providerRows";

const secret = "sk-unit-secret";
// The shapes GET /provider answered with on 1.18.33 (models trimmed): `key` is the stored key, or
// the value of the environment variable for source "env"; a config apiKey stays in `options`;
// "openai" is signed in with OAuth (auth.json `type: "oauth"`).
const raw = {
  all: [
    { id: "fake", name: "Fake LLM", source: "config", env: ["FAKE_LLM_KEY"], options: { baseURL: "http://x" }, models: {} },
    { id: "deepseek", name: "DeepSeek", source: "api", env: ["DEEPSEEK_API_KEY"], key: secret, options: {}, models: {} },
    { id: "openai", name: "OpenAI", source: "custom", env: ["OPENAI_API_KEY"], options: { apiKey: "opencode-oauth-dummy-key", headerTimeout: 300000 }, models: {} },
    { id: "groq", name: "Groq", source: "env", env: ["GROQ_API_KEY"], key: "gsk-from-env", options: {}, models: {} },
    { id: "own", name: "Own gateway", source: "config", env: [], options: { apiKey: secret }, models: {} },
    { id: "local", name: "Local server", source: "config", env: [], options: { baseURL: "http://127.0.0.1:11434/v1" }, models: {} },
    { id: "anthropic", name: "Anthropic", source: "custom", env: ["ANTHROPIC_API_KEY"], options: {}, models: {} },
    { id: "opencode", name: "OpenCode Zen", source: "custom", env: ["OPENCODE_API_KEY"], options: { apiKey: "public" }, models: {} },
    { id: "broken", source: "custom" },
  ],
  default: {},
  connected: ["fake", "deepseek", "openai", "groq", "own", "local", "opencode"],
};

describe("provider rows", () => {
  it("decoding keeps no key or option value, only whether there is one", () => {
    const catalog = ProviderCatalog.parse(raw);
    assert.ok(!JSON.stringify(catalog).includes(secret));
    assert.deepEqual(catalog.all.map(p => [p.id, p.hasKey, p.keyInConfig]),
      [["fake", false, false], ["deepseek", true, false], ["openai", false, true], ["groq", true, false], ["own", false, true], ["local", false, false], ["anthropic", false, false], ["opencode", false, true]]);
  });

  it("connected first with where the credential comes from; a keyless config provider is not connected", () => {
    const methods = AuthMethods.parse({ openai: [{ type: "oauth", label: "ChatGPT Pro/Plus (browser)" }, { type: "api", label: "Manually enter API Key" }] });
    const rows = providerRows(ProviderCatalog.parse(raw), methods);
    assert.deepEqual(rows.map(r => [r.name, r.state, r.removable]), [
      ["DeepSeek", "connected · API key", true],
      ["Groq", "connected · environment (GROQ_API_KEY)", false],
      ["Local server", "connected · configured in opencode.json", false],
      ["OpenAI", "connected · OAuth", true],
      ["OpenCode Zen", "connected · built in, no key needed", false],
      ["Own gateway", "connected · configured in opencode.json", false],
      ["Anthropic", "not connected", false],
      ["Fake LLM", "not connected", false],
    ]);
    assert.deepEqual(rows.find(r => r.id === "openai")!.methods.map(m => m.type), ["oauth", "api"]);
    assert.deepEqual(rows.find(r => r.id === "deepseek")!.methods.map(m => m.type), ["api"], "without methods of its own a provider takes an API key");
  });

  it("lacking a credential: not connected, or a config provider that names key variables and has no key", () => {
    const catalog = ProviderCatalog.parse(raw);
    assert.deepEqual(["fake", "local", "own", "deepseek", "opencode", "anthropic"].map(id => lacksCredential(catalog, id)), [true, false, false, false, false, true]);
    assert.ok(hasConnectedOwnProvider(catalog, "opencode"));
    const onlyKeyless = ProviderCatalog.parse({ ...raw, connected: ["fake", "opencode"] });
    assert.ok(!hasConnectedOwnProvider(onlyKeyless, "opencode"), "a keyless config provider and the built-in one are not a provider of one's own");
  });

  it("a prompt's `when` refers to an earlier answer", () => {
    const p = { type: "text" as const, key: "url", message: "URL", when: { key: "deploymentType", op: "eq" as const, value: "enterprise" } };
    assert.equal(promptApplies(p, { deploymentType: "enterprise" }), true);
    assert.equal(promptApplies(p, { deploymentType: "github.com" }), false);
    assert.equal(promptApplies({ ...p, when: { ...p.when, op: "neq" } }, { deploymentType: "github.com" }), true);
  });

  it("finds the loopback port of an authorize URL's redirect, and no other", () => {
    const url = (redirect: string) => `https://auth.openai.com/oauth/authorize?response_type=code&redirect_uri=${encodeURIComponent(redirect)}`;
    assert.equal(loopbackRedirectPort(url("http://localhost:1455/auth/callback")), 1455);
    assert.equal(loopbackRedirectPort(url("http://127.0.0.1:8080/cb")), 8080);
    assert.equal(loopbackRedirectPort(url("https://example.com/cb")), undefined);
    assert.equal(loopbackRedirectPort("https://github.com/login/device"), undefined);
    assert.equal(loopbackRedirectPort("not a url"), undefined);
  });
});
