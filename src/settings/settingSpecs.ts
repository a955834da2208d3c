// Every contributed setting: its key under `opencode.`, its default and its check. A unit test
// holds this table against package.json's contributes.configuration, so no setting goes unchecked.
import { booleanSetting, enumSetting, isRecord, minutesSetting, shown, stringListSetting, stringSetting, type Check } from "./checks";
import { checkMcp, checkModel, checkPermissions } from "./opencodeSettings";

export type Spec<T> = { key: string; check: Check<T> };
const spec = <T>(key: string, check: Check<T>): Spec<T> => ({ key, check });

const loopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

/** Why `serverUrl` cannot be attached to, or undefined when it can. Prompts must not leave the machine. */
export function serverUrlProblem(serverUrl: string): string | undefined {
  let url: URL;
  try { url = new URL(serverUrl); } catch { return "is not a URL such as http://127.0.0.1:4096"; }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "is not an http:// URL such as http://127.0.0.1:4096";
  if (!loopbackHosts.includes(url.hostname)) return `points to ${url.hostname}, not this machine (127.0.0.1, localhost or [::1])`;
  return undefined;
}

const checkServerUrl: Check<string> = (raw, key) => {
  const s = stringSetting("", "starting a server of the extension's own")(raw, key);
  if (s.problem) return { value: "", problem: s.problem };
  if (!s.value.trim()) return { value: "" };
  const why = serverUrlProblem(s.value.trim());
  return why ? { value: "", problem: `opencode.${key}: ${shown(raw)} ${why}; starting a server of the extension's own instead` } : { value: s.value.trim() };
};

const checkTemplates: Check<Record<string, string>> = (raw, key) => {
  if (raw === undefined || raw === null) return { value: {} };
  if (!isRecord(raw)) return { value: {}, problem: `opencode.${key}: ${shown(raw)} is not an object of template strings; using the default templates` };
  const value: Record<string, string> = {};
  const bad: string[] = [];
  for (const [name, template] of Object.entries(raw)) {
    if (typeof template === "string" && template.trim()) value[name] = template;
    else bad.push(`opencode.${key}.${name}: ${shown(template)} is not a non-empty string; using the default template`);
  }
  return bad.length ? { value, problem: bad.join("; ") } : { value };
};

export const Settings = {
  path: spec("path", stringSetting("", "searching PATH for opencode instead")),
  serverUrl: spec("serverUrl", checkServerUrl),
  idleTimeoutMinutes: spec("server.idleTimeoutMinutes", minutesSetting(10)),
  model: spec("model", checkModel),
  agent: spec("agent", stringSetting("", "using opencode's default agent")),
  permissions: spec("permissions", checkPermissions),
  instructions: spec("instructions", stringListSetting()),
  mcp: spec("mcp", checkMcp),
  notifyApprovals: spec("notifications.approvals", booleanSetting(true)),
  // Saving without asking or sending unsaved files unseen are both choices the user has to make.
  saveBeforePrompt: spec("saveBeforePrompt", enumSetting(["ask", "always", "never"] as const, "ask")),
  runTemplates: spec("runs.templates", checkTemplates),
};
