// The extension's settings that map to opencode config, validated with zod and turned into the
// OPENCODE_CONFIG_CONTENT a server is spawned with. Only keys the user set are passed, so the
// project's own opencode.json still applies underneath (opencode merges both).
import { z } from "zod";

const Action = z.enum(["allow", "ask", "deny"]);
const PermissionRule = z.union([Action, z.record(z.string().min(1), Action)]);

/** The settings, keyed by their name under `opencode.` (what the error messages name). */
const ConfigSettings = z.object({
  model: z.string().regex(/^[^/\s]+\/\S+$/, "must look like provider/model, e.g. anthropic/claude-sonnet-4-5").optional(),
  agent: z.string().min(1).optional(),
  permissions: z.record(z.string().min(1), PermissionRule).optional(),
  instructions: z.array(z.string().min(1)).optional(),
  mcp: z.record(z.string().min(1), z.discriminatedUnion("type", [
    z.object({ type: z.literal("local"), command: z.array(z.string()).min(1), environment: z.record(z.string(), z.string()).optional(), enabled: z.boolean().optional() }),
    z.object({ type: z.literal("remote"), url: z.url(), headers: z.record(z.string(), z.string()).optional(), enabled: z.boolean().optional() }),
  ])).optional(),
});

/** An "always allow" the user gave; opencode keeps it only in the server process, so we re-inject it. */
export type Grant = { permission: string; patterns: string[] };

export type SettingError = { setting: string; message: string };
type BuiltConfig = { ok: true; config: Record<string, unknown> } | { ok: false; errors: SettingError[] };

/**
 * Validates `raw` (each value as read from VS Code, undefined when the user did not set it) and
 * builds the opencode config. Errors name the setting, e.g. `opencode.permissions.bash`.
 */
export function buildOpencodeConfig(raw: Record<string, unknown>, grants: readonly Grant[] = [], demoModelUrl?: string): BuiltConfig {
  const parsed = ConfigSettings.safeParse(dropEmpty(raw));
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map(i => ({ setting: ["opencode", ...i.path.map(String)].join("."), message: i.message })) };
  }
  const s = parsed.data;
  const config: Record<string, unknown> = {};
  if (s.model) config.model = s.model;
  if (s.agent) config.default_agent = s.agent;
  if (s.instructions?.length) config.instructions = s.instructions;
  if (s.mcp && Object.keys(s.mcp).length) config.mcp = s.mcp;
  const permission = withGrants(s.permissions ?? {}, grants);
  if (Object.keys(permission).length) config.permission = permission;
  if (demoModelUrl) Object.assign(config, demoProvider(demoModelUrl, s.model));
  return { ok: true, config };
}

/** Settings left at their defaults arrive as undefined, "" or {}: none of them is a user choice. */
function dropEmpty(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) =>
    v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0) && !(typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0)));
}

type Rule = z.infer<typeof PermissionRule>;

/**
 * Adds each grant's patterns as `allow` to that permission's rule, keeping the user's rule for the rest.
 * opencode 1.18.33 applies the LAST key of a pattern map that matches (test/real/permissionRules.test.ts),
 * so each grant goes to the end of the map, moved there if the user's map already has that key: a
 * grant wins over the user's own keys, as the "always" it replays did in the server that got it.
 */
export function withGrants(rules: Record<string, Rule>, grants: readonly Grant[]): Record<string, Rule> {
  const out: Record<string, Rule> = { ...rules };
  for (const g of grants) {
    const current = out[g.permission];
    const map: Record<string, z.infer<typeof Action>> = typeof current === "string" ? { "*": current } : { ...(current ?? {}) };
    for (const p of g.patterns) { delete map[p]; map[p] = "allow"; }
    out[g.permission] = map;
  }
  return out;
}

/** `npm start` with no provider: a scripted local model, used unless the user chose a model. */
function demoProvider(baseURL: string, userModel: string | undefined): Record<string, unknown> {
  return {
    ...(userModel ? {} : { model: "demo/demo-model", small_model: "demo/demo-model" }),
    provider: { demo: { npm: "@ai-sdk/openai-compatible", name: "Demo (scripted, offline)", options: { baseURL, apiKey: "demo" },
      models: { "demo-model": { name: "Demo model", tool_call: true, limit: { context: 128000, output: 4096 } } } } },
  };
}
