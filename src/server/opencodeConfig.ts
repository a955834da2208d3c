// The extension's settings that map to opencode config, checked one by one and turned into the
// OPENCODE_CONFIG_CONTENT a server is spawned with. Only keys the user set are passed, so the
// project's own opencode.json still applies underneath (opencode merges both).
import { checked, checkMcp, checkModel, checkPermissions, type PermissionRule } from "../settings/opencodeSettings";
import { stringListSetting, stringSetting } from "../settings/checks";

/** An "always allow" the user gave; opencode keeps it only in the server process, so we re-inject it. */
export type Grant = { permission: string; patterns: string[] };

/** A setting that could not be used as written: the setting's full key, and what is used instead. */
export type SettingError = { setting: string; message: string };
type BuiltConfig = { config: Record<string, unknown>; errors: SettingError[] };

/**
 * Checks `raw` (each value as read from VS Code, undefined when the user did not set it) setting by
 * setting and builds the opencode config from what is valid. Nothing invalid reaches opencode (which
 * would reject the whole config), and nothing invalid drops a valid setting: a bad permission value
 * asks, a bad model falls back to opencode's default, a bad MCP server is not started.
 */
export function buildOpencodeConfig(raw: Record<string, unknown>, grants: readonly Grant[] = [], demoModelUrl?: string): BuiltConfig {
  const errors: SettingError[] = [];
  const check = <T>(key: string, c: (raw: unknown, key: string) => { value: T; problem?: string }): T => {
    const problems: string[] = [];
    const value = checked(c, dropEmpty(raw[key]), key, problems);
    errors.push(...problems.map(message => ({ setting: `opencode.${key}`, message })));
    return value;
  };
  const model = check("model", checkModel);
  const agent = check("agent", stringSetting("", "using opencode's default agent")).trim();
  const instructions = check("instructions", stringListSetting());
  const mcp = check("mcp", checkMcp);
  const permissions = check("permissions", checkPermissions);
  const config: Record<string, unknown> = {};
  if (model) config.model = model;
  if (agent) config.default_agent = agent;
  if (instructions.length) config.instructions = instructions;
  if (Object.keys(mcp).length) config.mcp = mcp;
  const permission = withGrants(permissions, grants);
  if (Object.keys(permission).length) config.permission = permission;
  if (demoModelUrl) Object.assign(config, demoProvider(demoModelUrl, model || undefined));
  return { config, errors };
}

/** Settings left at their defaults arrive as undefined, "" or {}: none of them is a user choice. */
function dropEmpty(v: unknown): unknown {
  const empty = v === null || v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  return empty ? undefined : v;
}

type Rule = PermissionRule;

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
    const map: Record<string, "allow" | "ask" | "deny"> = typeof current === "string" ? { "*": current } : { ...(current ?? {}) };
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
