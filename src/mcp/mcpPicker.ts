import * as vscode from "vscode";
import type { McpStatus } from "../protocol/mcp";
import type { McpAddUi } from "./mcpAdd";
import { mcpDefinedAt } from "./mcpSettings";
import { describeStatus } from "./mcpTree";

/** What can be done to a server in a given state; the view's context menu offers the same (package.json menus). */
export type McpAction = "connect" | "disconnect" | "authenticate" | "remove";

export function mcpActionsFor(status: McpStatus, inSettings: boolean): McpAction[] {
  const actions: McpAction[] = [];
  if (status.status === "connected") actions.push("disconnect");
  if (status.status === "disabled" || status.status === "failed") actions.push("connect");
  if (status.status === "needs_auth" || status.status === "needs_client_registration") actions.push("authenticate");
  if (inSettings) actions.push("remove");
  return actions;
}

const actionLabels: Record<McpAction, string> = {
  connect: "$(plug) Connect", disconnect: "$(debug-disconnect) Disconnect", authenticate: "$(key) Authenticate", remove: "$(trash) Remove from Settings",
};

/**
 * The command palette's way to the view's actions: one of the folder's servers (or Add), then what
 * to do with it. Undefined when the user backs out.
 */
export async function pickMcpAction(ui: McpAddUi, folder: vscode.WorkspaceFolder, statuses: Record<string, McpStatus>):
  Promise<{ name: string; status: McpStatus; action: McpAction } | "add" | undefined> {
  const title = `MCP servers of ${folder.name}`;
  const servers = Object.entries(statuses).sort(([a], [b]) => a.localeCompare(b))
    .map(([name, status]) => ({ label: name, description: describeStatus(status), name, status }));
  const server = await ui.pick<vscode.QuickPickItem & { name?: string; status?: McpStatus }>(
    [...servers, { label: "$(add) Add MCP Server…" }], { title, placeHolder: servers.length ? "Pick a server" : "No MCP servers yet" });
  if (!server) return undefined;
  if (!server.name || !server.status) return "add";
  const { name, status } = server;
  const actions = mcpActionsFor(status, mcpDefinedAt(folder, name).length > 0);
  if (!actions.length) return undefined;
  const picked = await ui.pick(actions.map(action => ({ label: actionLabels[action], action })), { title: `${name}: ${describeStatus(status)}` });
  return picked && { name, status, action: picked.action };
}
