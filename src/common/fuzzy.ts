/**
 * Pure: how well `query` matches `candidate` as a subsequence (case-insensitive), higher is better,
 * undefined when it does not. Rewards consecutive characters and matches at word starts (after
 * `/`, `.`, `-`, `_` or a case change) and in the file name, so `msl` finds `messageList.tsx`.
 */
export function fuzzyScore(query: string, candidate: string): number | undefined {
  if (!query) return 0;
  const q = query.toLowerCase(), c = candidate.toLowerCase();
  // Greedy from each place the first character occurs, keeping the best: a greedy scan from the
  // first occurrence alone would score `src/chat/…` by the "c" of "src".
  let best: number | undefined;
  for (let start = c.indexOf(q[0]); start >= 0; start = c.indexOf(q[0], start + 1)) {
    const s = scoreFrom(q, c, candidate, start);
    if (s === undefined) break; // a later start cannot match either
    if (best === undefined || s > best) best = s;
  }
  // Shorter candidates win ties: `a.ts` before `src/deeply/nested/a.ts.map`.
  return best === undefined ? undefined : best - candidate.length / 100;
}

function scoreFrom(q: string, c: string, candidate: string, start: number): number | undefined {
  const nameStart = candidate.lastIndexOf("/") + 1;
  let score = 0, at = start, prev = -2;
  for (const ch of q) {
    const i = c.indexOf(ch, at);
    if (i < 0) return undefined;
    const startOfWord = i === 0 || "/.-_ ".includes(candidate[i - 1]) || (candidate[i] !== c[i] && candidate[i - 1] === c[i - 1]);
    score += 1 + (i === prev + 1 ? 3 : 0) + (startOfWord ? 2 : 0) + (i >= nameStart ? 1 : 0);
    prev = i;
    at = i + 1;
  }
  return score;
}

/** The `limit` best matches of `query`, best first. */
export function fuzzyRank(query: string, candidates: readonly string[], limit: number): string[] {
  const scored: [number, string][] = [];
  for (const c of candidates) {
    const s = fuzzyScore(query, c);
    if (s !== undefined) scored.push([s, c]);
  }
  return scored.sort((a, b) => b[0] - a[0]).slice(0, limit).map(([, c]) => c);
}
