import type * as vscode from "vscode";
import type { Endpoint } from "../protocol/http";

/** SecretStorage key of the password for `opencode.serverUrl`; never in settings, never logged. */
export const serverPasswordSecret = "opencode.serverPassword";

/** The endpoint of a user-run server. Only loopback URLs: prompts must not leave the machine. */
export async function attachedEndpoint(serverUrl: string, secrets: vscode.SecretStorage): Promise<Endpoint> {
  const url = new URL(serverUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error(`opencode.serverUrl must point to this machine (127.0.0.1, localhost or [::1]), not ${url.hostname}`);
  const username = decodeURIComponent(url.username) || "opencode";
  url.username = "";
  url.password = "";
  const password = await secrets.get(serverPasswordSecret);
  return { baseUrl: url.toString().replace(/\/$/, ""), credentials: password ? { username, password } : undefined };
}
