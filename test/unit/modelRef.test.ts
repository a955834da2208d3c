import * as assert from "node:assert/strict";
import { parseModelRef } from "../../src/protocol/modelRef";

describe("parseModelRef", () => {
  it("splits at the first slash, so model ids keep theirs", () => {
    assert.deepEqual(parseModelRef("anthropic/claude-sonnet-4"), { providerID: "anthropic", modelID: "claude-sonnet-4" });
    assert.deepEqual(parseModelRef("openrouter/anthropic/claude"), { providerID: "openrouter", modelID: "anthropic/claude" });
  });

  it("names no model without a provider or a model id", () => {
    for (const text of [undefined, "", "gpt-4", "/gpt-4", "openai/"]) assert.equal(parseModelRef(text), undefined, String(text));
  });
});
