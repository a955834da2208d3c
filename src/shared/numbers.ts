/** A token count in a few characters: 950, 12.3k, 1.2M (the chat's footers and meter, the Runs view). */
export const compactCount = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

/**
 * A cost in US dollars, the one format of the chat, the Runs view, result.md and the finish
 * notification. Below a dollar it keeps two significant digits: a cheap model's turn costs fractions
 * of a cent, and "$0.00" would read as free. Undefined (or not a number) is "unknown", never a price.
 */
export function formatCost(usd: number | undefined): string {
  if (usd === undefined || !Number.isFinite(usd)) return "unknown";
  if (usd === 0) return "$0";
  if (Math.abs(usd) >= 1) return `$${usd.toFixed(2)}`;
  const rounded = Number(usd.toPrecision(2));
  // Decimals for two significant digits of the rounded value (0.0999 rounds to 0.10, not 0.100).
  return `$${rounded.toFixed(Math.max(2, 1 - Math.floor(Math.log10(Math.abs(rounded)))))}`;
}
