import * as vscode from "vscode";

// Typed settings, read fresh on every call (resource-scoped where per-folder values make sense).
// A unit test checks every key here against package.json contributes.configuration.
type Setting<T> = { key: string; def: T };
const setting = <T>(key: string, def: T): Setting<T> => ({ key, def });

export const Settings = {
  path: setting("path", ""),
  serverUrl: setting("serverUrl", ""),
  idleTimeoutMinutes: setting("server.idleTimeoutMinutes", 10),
  model: setting("model", ""),
  agent: setting("agent", ""),
  permissions: setting<Record<string, unknown>>("permissions", {}),
  instructions: setting<string[]>("instructions", []),
  mcp: setting<Record<string, unknown>>("mcp", {}),
  notifyApprovals: setting("notifications.approvals", true),
  saveBeforePrompt: setting<"ask" | "always" | "never">("saveBeforePrompt", "ask"),
  runTemplates: setting<unknown>("runs.templates", {}),
};

export function read<T>(s: Setting<T>, scope?: vscode.Uri): T {
  return vscode.workspace.getConfiguration("opencode", scope).get<T>(s.key, s.def);
}

/** The settings that become opencode config, keyed as buildOpencodeConfig expects. */
export function configSettings(scope: vscode.Uri): Record<string, unknown> {
  return { model: read(Settings.model, scope), agent: read(Settings.agent, scope), permissions: read(Settings.permissions, scope),
    instructions: read(Settings.instructions, scope), mcp: read(Settings.mcp, scope) };
}

/** Settings read at spawn: a change applies at the next start. */
export const spawnSettingKeys = ["path", "model", "agent", "permissions", "instructions", "mcp"].map(k => `opencode.${k}`);
