import type { FolderState } from "../../protocol/state";

/** What a session's row shows beside its title. */
export type RowActivity = "idle" | "busy" | "asking";

/**
 * Every session waiting for approval: a pending ask of its own or of one of its sub-agents (any
 * depth; parents come from the sessions' infos).
 */
export function askingRoots(state: FolderState): Set<string> {
  const out = new Set<string>();
  for (const s of Object.values(state.sessions)) {
    if (!s.permissions.length && !s.questions.length) continue;
    for (let id: string | undefined = s.id; id && !out.has(id); id = state.sessions[id]?.info?.parentID) out.add(id);
  }
  return out;
}

const units: [number, string][] = [[60_000, "min"], [3_600_000, "h"], [86_400_000, "d"]];

/** "just now", "5 min ago", "3 h ago", "2 d ago"; past a month, the date. */
export function relativeTime(then: number, now: number): string {
  const ago = Math.max(0, now - then);
  if (ago < 60_000) return "just now";
  if (ago >= 30 * 86_400_000) return new Date(then).toISOString().slice(0, 10);
  let [size, name] = units[0];
  for (const u of units) if (ago >= u[0]) [size, name] = u;
  return `${Math.floor(ago / size)} ${name} ago`;
}
