import type * as vscode from "vscode";
import type { Endpoint } from "../protocol/http";
import { serverUrlProblem } from "../settings/settingSpecs";

/** SecretStorage key of the password for `opencode.serverUrl`; never in settings, never logged. */
export const serverPasswordSecret = "opencode.serverPassword";

/** The endpoint of a user-run server. Only loopback URLs: prompts must not leave the machine. */
export async function attachedEndpoint(serverUrl: string, secrets: vscode.SecretStorage): Promise<Endpoint> {
  // The setting's check already refused such a value; this is the boundary itself, so it checks again.
  const problem = serverUrlProblem(serverUrl);
  if (problem) throw new Error(`opencode.serverUrl ${problem}`);
  const url = new URL(serverUrl);
  const username = decodeURIComponent(url.username) || "opencode";
  url.username = "";
  url.password = "";
  const password = await secrets.get(serverPasswordSecret);
  return { baseUrl: url.toString().replace(/\/$/, ""), credentials: password ? { username, password } : undefined };
}
