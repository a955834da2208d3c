import type { MessageState } from "../src/protocol/state";

/**
 * A row's height before it is measured, from its content (~50 characters a line in a sidebar):
 * a close guess keeps the first render to the rows that fit, since every row rendered parses its
 * markdown. Text opencode added itself (an attached file inlined) is not shown, so it takes no room.
 */
export function estimateRow(m: MessageState | undefined): number {
  if (!m) return 96;
  let h = 40;
  for (const p of m.parts) {
    if (p.type === "text") h += p.synthetic || p.ignored ? 0 : 12 + 20 * Math.ceil(p.text.length / 50);
    else if (p.type === "tool" || p.type === "reasoning") h += 34; // reasoning starts collapsed
  }
  return h;
}
