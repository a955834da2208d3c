// The shared number formats: one cost text for the chat, the Runs view, result.md and the finish
// notification, so the same run never shows two different prices.
import * as assert from "node:assert/strict";
import { billedTokens, compactCount, formatCost, formatPrice } from "../../src/shared/numbers";

describe("number formats (src/shared/numbers)", () => {
  it("a small cost keeps two significant digits instead of rounding to $0.00", () => {
    assert.deepEqual([0.0015, 0.00012345, 0.01234, 0.0999].map(formatCost), ["$0.0015", "$0.00012", "$0.012", "$0.10"]);
  });

  it("cents below a dollar, two decimals from a dollar up", () => {
    assert.deepEqual([0.42, 0.999, 1, 12.3456, 1234.5].map(formatCost), ["$0.42", "$1.00", "$1.00", "$12.35", "$1234.50"]);
  });

  it("zero is $0, and an unknown cost is never shown as a price", () => {
    assert.equal(formatCost(0), "$0");
    assert.equal(formatCost(undefined), "unknown");
    assert.equal(formatCost(Number.NaN), "unknown");
  });

  it("zero dollars for real tokens is a model without a price: \"no price known\", never $0", () => {
    assert.equal(formatCost(0, 1234), "no price known");
    assert.equal(formatCost(0, 0), "$0");
    assert.equal(formatCost(0.0015, 1234), "$0.0015");
    assert.equal(billedTokens({ input: 1, output: 2, reasoning: 3, cache: { read: 4, write: 5 } }), 15);
  });

  it("a catalogue price per million tokens, or no price known when it is all zeros", () => {
    assert.equal(formatPrice({ input: 0, output: 0 }), "no price known");
    assert.equal(formatPrice(undefined), "no price known");
    assert.equal(formatPrice({ input: 3, output: 15 }), "$3 in / $15 out per 1M tokens");
  });

  it("token counts in a few characters", () => {
    assert.deepEqual([950, 12_345, 1_234_567].map(compactCount), ["950", "12.3k", "1.2M"]);
  });
});
