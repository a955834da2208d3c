// The session's running totals in the header: every token its assistant messages were billed for
// and what they cost, in the one cost format of the chat (src/shared/numbers).
import type { JSX } from "preact";
import type { SessionState } from "../src/protocol/state";
import { billedTokens, compactCount, formatCost, type TokenCounts } from "../src/shared/numbers";

type Totals = { tokens: TokenCounts; cost: number };

function add(sum: Totals, t: TokenCounts, cost: number): void {
  const s = sum.tokens;
  s.input += t.input; s.output += t.output; s.reasoning += t.reasoning; s.cache.read += t.cache.read; s.cache.write += t.cache.write;
  sum.cost += cost;
}

/**
 * The sum over the assistant messages held, each by its finished steps (as the turn footers count
 * them, and live while it streams), else by the message's own totals. A long session is paged (its
 * oldest messages are not here yet); opencode keeps the session's own totals too, so the larger of
 * the two is the truth.
 */
export function sessionTotals(session: SessionState | undefined): Totals | undefined {
  if (!session) return undefined;
  const sum: Totals = { tokens: { input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } }, cost: 0 };
  for (const { info, parts } of session.messages) {
    if (info.role !== "assistant") continue;
    const steps = parts.flatMap(p => (p.type === "step-finish" ? [p] : []));
    if (steps.length) steps.forEach(p => add(sum, p.tokens, p.cost));
    else add(sum, info.tokens, info.cost);
  }
  const own = session.info;
  if (own?.tokens && billedTokens(own.tokens) > billedTokens(sum.tokens)) return { tokens: own.tokens, cost: Math.max(own.cost ?? 0, sum.cost) };
  return billedTokens(sum.tokens) > 0 ? sum : undefined;
}

export function SessionTotals({ session }: { session: SessionState | undefined }): JSX.Element | null {
  const totals = sessionTotals(session);
  if (!totals) return null;
  const tokens = billedTokens(totals.tokens);
  const cost = formatCost(totals.cost, tokens);
  const t = totals.tokens;
  return (
    <span class="totals muted" aria-label={`Session total: ${tokens.toLocaleString()} tokens, ${cost}`}
      title={`This session so far: ${t.input.toLocaleString()} in, ${t.output.toLocaleString()} out, ${t.reasoning.toLocaleString()} reasoning, cache ${t.cache.read.toLocaleString()} read / ${t.cache.write.toLocaleString()} write · ${cost}`}>
      Σ {compactCount(tokens)} tok · {cost}
    </span>
  );
}
