import * as vscode from "vscode";
import type { McpServerConfig } from "../settings/opencodeSettings";

/** Where an `opencode.mcp` entry lives: the user's settings, the workspace's, or one folder's. */
export type McpTarget = "user" | "workspace" | "folder";

const targets: Record<McpTarget, vscode.ConfigurationTarget> = {
  user: vscode.ConfigurationTarget.Global,
  workspace: vscode.ConfigurationTarget.Workspace,
  folder: vscode.ConfigurationTarget.WorkspaceFolder,
};

type Inspected = { globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown };

function valueAt(inspected: Inspected | undefined, target: McpTarget): Record<string, unknown> {
  const v = target === "user" ? inspected?.globalValue : target === "workspace" ? inspected?.workspaceValue : inspected?.workspaceFolderValue;
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {};
}

const inspect = (folder: vscode.WorkspaceFolder) => vscode.workspace.getConfiguration("opencode", folder.uri).inspect<unknown>("mcp");

/**
 * The settings levels that name `name` in `opencode.mcp` for the folder, most specific last. In a
 * single-folder window the workspace and the folder level are the same file: it is listed once.
 */
export function mcpDefinedAt(folder: vscode.WorkspaceFolder, name: string): McpTarget[] {
  const inspected = inspect(folder);
  const levels: McpTarget[] = (vscode.workspace.workspaceFile ? ["user", "workspace", "folder"] : ["user", "folder"]);
  return levels.filter(t => Object.prototype.hasOwnProperty.call(valueAt(inspected, t), name));
}

/** The names `opencode.mcp` already has at `target` (for the folder). */
export function mcpNamesAt(folder: vscode.WorkspaceFolder, target: McpTarget): string[] {
  return Object.keys(valueAt(inspect(folder), target));
}

/** Adds (or replaces) one entry at `target`, keeping the level's other entries as written. */
export async function writeMcpEntry(folder: vscode.WorkspaceFolder, target: McpTarget, name: string, entry: McpServerConfig): Promise<void> {
  const current = valueAt(inspect(folder), target);
  await vscode.workspace.getConfiguration("opencode", folder.uri).update("mcp", { ...current, [name]: entry }, targets[target]);
}

/** Removes `name` from `opencode.mcp` at `target`; the level's setting goes when it empties. */
export async function removeMcpEntry(folder: vscode.WorkspaceFolder, target: McpTarget, name: string): Promise<void> {
  const rest = { ...valueAt(inspect(folder), target) };
  delete rest[name];
  await vscode.workspace.getConfiguration("opencode", folder.uri).update("mcp", Object.keys(rest).length ? rest : undefined, targets[target]);
}

export const targetLabel: Record<McpTarget, string> = { user: "User settings", workspace: "Workspace settings", folder: "Folder settings" };
