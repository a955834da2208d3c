import * as vscode from "vscode";
import { Settings, type Spec } from "../settings/settingSpecs";

// Settings, read fresh on every call (resource-scoped where per-folder values make sense) and
// checked: a wrong value is replaced by the safe one and reported once, naming the setting and the
// value used. A unit test checks the table in settings/settingSpecs.ts against package.json.
export { Settings };

/** Where problems with settings go: the window's reporter, set by activate(). */
type ProblemSink = (setting: string, problem: string) => void;
let sink: ProblemSink | undefined;

export function reportSettingProblemsTo(to: ProblemSink): vscode.Disposable {
  sink = to;
  return new vscode.Disposable(() => { if (sink === to) sink = undefined; });
}

export function settingProblem(setting: string, problem: string): void {
  sink?.(setting, problem);
}

export function read<T>(s: Spec<T>, scope?: vscode.Uri): T {
  const { value, problem } = s.check(vscode.workspace.getConfiguration("opencode", scope).get<unknown>(s.key), s.key);
  if (problem) settingProblem(`opencode.${s.key}`, problem);
  return value;
}

/** The settings that become opencode config, as written: buildOpencodeConfig checks each one. */
export function configSettings(scope: vscode.Uri): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("opencode", scope);
  return Object.fromEntries(["model", "agent", "permissions", "instructions", "mcp"].map(k => [k, config.get<unknown>(k)]));
}

/** Settings read at spawn: a change applies at the next start. */
export const spawnSettingKeys = ["path", "model", "agent", "permissions", "instructions", "mcp"].map(k => `opencode.${k}`);
