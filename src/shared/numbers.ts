/** A token count in a few characters: 950, 12.3k, 1.2M (the chat's footers and meter, the Runs view). */
export const compactCount = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

/** What a cost of zero for real tokens means: opencode prices a step from the catalogue, and a model without a price there costs 0. */
export const noPriceKnown = "no price known";

/**
 * A cost in US dollars, the one format of the chat, the Runs view, result.md and the finish
 * notification. Below a dollar it keeps two significant digits: a cheap model's turn costs fractions
 * of a cent, and "$0.00" would read as free. Undefined (or not a number) is "unknown", never a price.
 * `tokens`: how many tokens the cost is for. Zero dollars for tokens > 0 is a model opencode has no
 * price for (a local model, a free tier, a custom provider), so it reads "no price known", not "$0".
 */
export function formatCost(usd: number | undefined, tokens = 0): string {
  if (usd === undefined || !Number.isFinite(usd)) return "unknown";
  if (usd === 0) return tokens > 0 ? noPriceKnown : "$0";
  if (Math.abs(usd) >= 1) return `$${usd.toFixed(2)}`;
  const rounded = Number(usd.toPrecision(2));
  // Decimals for two significant digits of the rounded value (0.0999 rounds to 0.10, not 0.100).
  return `$${rounded.toFixed(Math.max(2, 1 - Math.floor(Math.log10(Math.abs(rounded)))))}`;
}

/** Token counts as opencode reports them per step and per message. */
export type TokenCounts = { input: number; output: number; reasoning: number; cache: { read: number; write: number } };

/** Every token a step or a session was billed for: what a cost of 0 is checked against. */
export const billedTokens = (t: TokenCounts): number => t.input + t.output + t.reasoning + t.cache.read + t.cache.write;

/**
 * A model's catalogue price (USD per million tokens) as one short text, or "no price known" when
 * every price is 0 or missing: opencode then records every step of it as costing $0.
 */
export function formatPrice(cost: { input?: number; output?: number } | undefined): string {
  if (!cost || (!cost.input && !cost.output)) return noPriceKnown;
  return `$${cost.input ?? 0} in / $${cost.output ?? 0} out per 1M tokens`;
}
