// Checks of the settings that become opencode config. Each is checked on its own, so a bad model
// never takes the permission rules with it, and a bad permission value fails closed: it asks.
import { z } from "zod";
import { isRecord, shown, type Check, type Checked } from "./checks";

export type Action = "allow" | "ask" | "deny";
export type PermissionRule = Action | Record<string, Action>;
const actions: readonly string[] = ["allow", "ask", "deny"];
const isAction = (v: unknown): v is Action => typeof v === "string" && actions.includes(v);

/** opencode 1.18.33 takes only an action for these keys, never a pattern map; a map would reject the whole config. */
const actionOnly = new Set(["todowrite", "question", "webfetch", "websearch", "doom_loop"]);

/**
 * `opencode.permissions`, key by key. An invalid value of a key counts as `ask` for that key (for a
 * pattern map, for that pattern); a value that is not an object at all asks for everything.
 */
export const checkPermissions: Check<Record<string, PermissionRule>> = (raw, key) => {
  if (raw === undefined || raw === null) return { value: {} };
  if (!isRecord(raw)) return { value: { "*": "ask" }, problem: `opencode.${key}: ${shown(raw)} is not an object of rules; asking before every tool` };
  const value: Record<string, PermissionRule> = {};
  const problems: string[] = [];
  for (const [permission, rule] of Object.entries(raw)) {
    const at = `opencode.${key}.${permission}`;
    if (!permission.trim()) { problems.push(`opencode.${key}: an empty permission name is not a tool; leaving it out`); continue; }
    if (isAction(rule)) { value[permission] = rule; continue; }
    if (isRecord(rule) && !actionOnly.has(permission)) {
      const map: Record<string, Action> = {};
      for (const [pattern, action] of Object.entries(rule)) {
        if (isAction(action)) map[pattern] = action;
        else { map[pattern] = "ask"; problems.push(`${at}[${shown(pattern)}]: ${shown(action)} is not allow, ask or deny; asking`); }
      }
      value[permission] = map;
      continue;
    }
    value[permission] = "ask";
    problems.push(`${at}: ${shown(rule)} is not allow, ask or deny${actionOnly.has(permission) ? ` (${permission} takes no pattern map)` : " or a map of patterns to them"}; asking`);
  }
  return problems.length ? { value, problem: problems.join("; ") } : { value };
};

const modelPattern = /^[^/\s]+\/\S+$/;
export const checkModel: Check<string> = (raw, key) => {
  if (raw === undefined || raw === null || raw === "") return { value: "" };
  if (typeof raw === "string" && modelPattern.test(raw)) return { value: raw };
  return { value: "", problem: `opencode.${key}: ${shown(raw)} is not provider/model (e.g. anthropic/claude-sonnet-4-5); using opencode's default model` };
};

// opencode 1.18.33's McpLocalConfig / McpRemoteConfig. A key left out of a schema here is dropped
// without a word, so each key opencode takes is listed (timeout: ms to wait for the server).
const timeout = z.number().int().positive().optional();
const McpOAuth = z.object({ clientId: z.string().optional(), clientSecret: z.string().optional(), scope: z.string().optional(),
  callbackPort: z.number().int().min(1).max(65535).optional(), redirectUri: z.string().optional() });
const McpServer = z.discriminatedUnion("type", [
  z.object({ type: z.literal("local"), command: z.array(z.string()).min(1), cwd: z.string().optional(), environment: z.record(z.string(), z.string()).optional(), enabled: z.boolean().optional(), timeout }),
  z.object({ type: z.literal("remote"), url: z.url(), headers: z.record(z.string(), z.string()).optional(), enabled: z.boolean().optional(), timeout,
    /** false turns off OAuth discovery for the server. */
    oauth: z.union([McpOAuth, z.literal(false)]).optional() }),
]);
export type McpServerConfig = z.infer<typeof McpServer>;

/** `opencode.mcp`, server by server: an invalid one is left out (not started), the others kept. */
export const checkMcp: Check<Record<string, McpServerConfig>> = (raw, key) => {
  if (raw === undefined || raw === null) return { value: {} };
  if (!isRecord(raw)) return { value: {}, problem: `opencode.${key}: ${shown(raw)} is not an object of MCP servers; starting none from this setting` };
  const value: Record<string, McpServerConfig> = {};
  const problems: string[] = [];
  for (const [name, server] of Object.entries(raw)) {
    const parsed = McpServer.safeParse(server);
    if (parsed.success) value[name] = parsed.data;
    else problems.push(`opencode.${key}.${name}: ${parsed.error.issues.map(i => `${i.path.join(".") || "value"} ${i.message}`).join(", ")}; not starting it`);
  }
  return problems.length ? { value, problem: problems.join("; ") } : { value };
};

/** Runs a check and gives its problem a fixed place to go. */
export function checked<T>(check: Check<T>, raw: unknown, key: string, problems: string[]): T {
  const c: Checked<T> = check(raw, key);
  if (c.problem) problems.push(c.problem);
  return c.value;
}
