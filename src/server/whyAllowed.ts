// Why a tool call ran without an ask, in words for its tool card: which of the permission rules the
// extension passed to opencode allowed it (opencode.permissions, a saved approval, an "Always allow"
// of this window), or that none of ours did, so opencode's own default (or a project opencode.json
// rule, which the extension does not read) did.
import * as path from "node:path";
import type { PermissionRule } from "../settings/opencodeSettings";
import type { Grant } from "./opencodeConfig";

type Action = "allow" | "ask" | "deny";
type Source = { kind: "setting" } | { kind: "saved" } | { kind: "window" };
type Rule = { permission: string; pattern: string; action: Action; source: Source };

/** The rules as opencode gets them, in order, each with where it came from. */
export type RuleSources = { settings: Record<string, PermissionRule>; saved: readonly Grant[]; window: readonly Grant[] };

/**
 * Only tools that change things or reach out get a label: the read-only ones (read, glob, grep,
 * list, lsp, todowrite …) are allowed by opencode's defaults, and a label on each would be noise.
 */
const permissionOf: Record<string, string> = {
  bash: "bash", edit: "edit", write: "edit", multiedit: "edit", patch: "edit", apply_patch: "edit",
  webfetch: "webfetch", websearch: "websearch", task: "task",
};

/** The permission key of a tool that gets a label, or undefined for one that does not. */
export function labelledPermission(tool: string): string | undefined { return permissionOf[tool]; }

/**
 * opencode 1.18.33's wildcard: `*` is any text (slashes included), `?` one character, anything
 * else literal, whole-string; a pattern ending in " *" also matches without that tail ("ls *"
 * matches "ls").
 */
export function wildcardMatch(text: string, pattern: string): boolean {
  let re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  if (re.endsWith(" .*")) re = `${re.slice(0, -3)}( .*)?`;
  return new RegExp(`^${re}$`, "s").test(text);
}

/** What a tool call's permission is checked against: the command, the URL, the path relative to the root … */
export function callPattern(tool: string, input: Record<string, unknown>, root: string): string | undefined {
  const s = (v: unknown) => (typeof v === "string" ? v : undefined);
  switch (permissionOf[tool]) {
    case "bash": return s(input.command);
    case "edit": {
      const file = s(input.filePath) ?? s(input.path);
      return file === undefined ? undefined : path.isAbsolute(file) ? path.relative(root, file) : file;
    }
    case "webfetch": return s(input.url);
    case "websearch": return s(input.query);
    case "task": return s(input.subagent_type);
    default: return undefined;
  }
}

/**
 * Flattens the rules in the order the extension hands them to opencode (withGrants: each grant's
 * patterns moved to the end of its permission's map), remembering where each came from.
 */
function orderedRules(sources: RuleSources): Rule[] {
  const maps = new Map<string, Map<string, { action: Action; source: Source }>>();
  for (const [permission, rule] of Object.entries(sources.settings)) {
    const map = new Map<string, { action: Action; source: Source }>();
    for (const [pattern, action] of Object.entries(typeof rule === "string" ? { "*": rule } : rule)) map.set(pattern, { action, source: { kind: "setting" } });
    maps.set(permission, map);
  }
  const grants = [...sources.saved.map(g => ({ g, source: { kind: "saved" } as Source })), ...sources.window.map(g => ({ g, source: { kind: "window" } as Source }))];
  for (const { g, source } of grants) {
    const map = maps.get(g.permission) ?? new Map();
    for (const p of g.patterns) { map.delete(p); map.set(p, { action: "allow", source }); }
    maps.set(g.permission, map);
  }
  return [...maps].flatMap(([permission, map]) => [...map].map(([pattern, r]) => ({ permission, pattern, ...r })));
}

/**
 * The label of a tool call that ran without an ask, or undefined for a tool that gets none. The
 * last rule whose permission and pattern both match wins, as in opencode. A call with several
 * patterns (a bash line of several commands) is matched as one string: close, not exact.
 */
export function whyAllowed(tool: string, input: Record<string, unknown>, root: string, sources: RuleSources): string | undefined {
  const permission = permissionOf[tool];
  if (!permission) return undefined;
  const pattern = callPattern(tool, input, root) ?? "";
  const rules = orderedRules(sources);
  const winner = [...rules].reverse().find(r => wildcardMatch(permission, r.permission) && wildcardMatch(pattern, r.pattern));
  if (!winner) return "opencode's default or a project opencode.json rule";
  if (winner.action !== "allow") return "unknown";
  if (winner.source.kind === "saved") return `saved approval: ${winner.pattern}`;
  if (winner.source.kind === "window") return `"Always allow" in this window: ${winner.pattern}`;
  const rule = sources.settings[winner.permission];
  return typeof rule === "string" ? `${winner.permission} → allow (opencode.permissions)` : `${winner.permission}: "${winner.pattern}" → allow (opencode.permissions)`;
}

