import type * as vscode from "vscode";
import type { RuleSources } from "../server/whyAllowed";
import { buildOpencodeConfig } from "../server/opencodeConfig";
import type { GrantStore } from "../server/grants";
import type { PermissionRule } from "../settings/opencodeSettings";
import { configSettings } from "../host/config";

/** The permission rules a folder's server is given: the opencode.permissions setting as checked, then the grants. */
export function folderRules(folder: vscode.WorkspaceFolder, grants: GrantStore): RuleSources {
  const settings = (buildOpencodeConfig(configSettings(folder.uri)).config.permission ?? {}) as Record<string, PermissionRule>;
  const at = folder.uri.fsPath;
  return { settings, saved: grants.saved(at), window: grants.window(at) };
}
