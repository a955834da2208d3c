import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { errorText } from "../common/errorText";
import { OpencodeApi } from "../protocol/api";
import type { McpStatus } from "../protocol/mcp";
import type { ServerPool } from "../workspace/serverPool";
import { mcpDefinedAt, targetLabel } from "./mcpSettings";
import { folderItem, messageItem, startServerItem } from "../workspace/folderTreeItems";

export type McpNode =
  | { kind: "folder"; folder: vscode.WorkspaceFolder }
  | { kind: "server"; folder: vscode.WorkspaceFolder; name: string; status: McpStatus }
  /** The folder's server is not running: listing would start it, so the item offers that instead. */
  | { kind: "notRunning"; folder: vscode.WorkspaceFolder }
  | { kind: "message"; folder: vscode.WorkspaceFolder; text: string; icon: string };

/** What a server's row says after its name. */
export function describeStatus(s: McpStatus): string {
  switch (s.status) {
    case "connected": return "connected";
    case "disabled": return "disabled";
    // A remote server that answers 401 without OAuth metadata fails with an empty error (opencode 1.18.33).
    case "failed": return s.error ? `failed: ${s.error}` : "failed (no reason given: see the server log)";
    case "needs_auth": return "needs auth";
    case "needs_client_registration": return s.error ? `needs client registration: ${s.error}` : "needs client registration";
    case "unknown": return s.error ? `${s.raw}: ${s.error}` : s.raw;
  }
}

const icons: Record<McpStatus["status"], vscode.ThemeIcon> = {
  connected: new vscode.ThemeIcon("pass", new vscode.ThemeColor("testing.iconPassed")),
  disabled: new vscode.ThemeIcon("circle-slash"),
  failed: new vscode.ThemeIcon("error", new vscode.ThemeColor("testing.iconFailed")),
  needs_auth: new vscode.ThemeIcon("key", new vscode.ThemeColor("problemsWarningIcon.foreground")),
  needs_client_registration: new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground")),
  unknown: new vscode.ThemeIcon("question"),
};

/**
 * The "MCP Servers" view: each folder's MCP servers as its running opencode reports them (`GET /mcp`
 * lists the servers of every config opencode merged, not only the `opencode.mcp` setting). It
 * never starts a server: at activation the view may be visible, and a server starts on first use.
 */
export class McpTree extends Disposable implements vscode.TreeDataProvider<McpNode> {
  readonly #changed = this.register(new vscode.EventEmitter<McpNode | undefined>());
  readonly onDidChangeTreeData = this.#changed.event;

  constructor(private readonly pool: ServerPool) {
    super();
    // Server state changes (start, restart, stop, crash) and stream reconnects: re-read the statuses.
    this.register(pool.onDidChange(() => this.refresh()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()));
    // Which servers the setting holds decides the Remove action.
    this.register(vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration("opencode.mcp") && this.refresh()));
  }

  refresh(): void { this.#changed.fire(undefined); }

  async getChildren(node?: McpNode): Promise<McpNode[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!node) return folders.length === 1 ? this.#serversOf(folders[0]) : folders.map(folder => ({ kind: "folder", folder }));
    return node.kind === "folder" ? this.#serversOf(node.folder) : [];
  }

  /** The folder's servers as its running opencode reports them now. */
  async #serversOf(folder: vscode.WorkspaceFolder): Promise<McpNode[]> {
    const state = this.pool.stateOf(folder);
    if (state.kind !== "running") return [{ kind: "notRunning", folder }];
    try {
      const endpoint = state.endpoint;
      const statuses = await new OpencodeApi(async () => endpoint, folder.uri.fsPath).mcpStatus();
      const names = Object.keys(statuses).sort((a, b) => a.localeCompare(b));
      if (!names.length) return [{ kind: "message", folder, text: "No MCP servers: add one with +", icon: "info" }];
      return names.map(name => ({ kind: "server", folder, name, status: statuses[name] }));
    } catch (err) {
      return [{ kind: "message", folder, text: `Could not read the MCP servers: ${errorText(err)}`, icon: "error" }];
    }
  }

  getTreeItem(node: McpNode): vscode.TreeItem {
    switch (node.kind) {
      case "folder": return folderItem("mcp", node.folder, "opencode.mcp.folder");
      case "notRunning": return startServerItem("MCP servers", `opencode for "${node.folder.name}" is not running; MCP servers start with it.`, "opencode.mcp.startServer", node);
      case "message": return messageItem(node.text, node.icon);
      case "server": return this.#serverItem(node);
    }
  }

  #serverItem(node: McpNode & { kind: "server" }): vscode.TreeItem {
    const item = new vscode.TreeItem(node.name);
    const definedAt = mcpDefinedAt(node.folder, node.name);
    item.id = `mcp:${node.folder.uri}:${node.name}`;
    item.iconPath = icons[node.status.status];
    item.description = describeStatus(node.status);
    // The menus read the status and whether the setting holds it (only then can Remove act).
    item.contextValue = `opencode.mcp.server.${node.status.status}${definedAt.length ? ".setting" : ""}`;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${node.name}**: `).appendText(describeStatus(node.status));
    tip.appendMarkdown("\n\n").appendText(definedAt.length
      ? `In opencode.mcp (${definedAt.map(t => targetLabel[t]).join(", ")}).`
      : "From opencode's own config (opencode.json or the global config), not the opencode.mcp setting.");
    tip.appendMarkdown("\n\n").appendText(`Its tools reach the model as ${node.name}_<tool>; a permission rule "${node.name}_*": "ask" asks before each call.`);
    item.tooltip = tip;
    return item;
  }
}
