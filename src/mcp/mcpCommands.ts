import * as vscode from "vscode";
import { OpencodeApi } from "../protocol/api";
import type { ReportError } from "../host/errors";
import { mcpViewId } from "../host/viewIds";
import type { ServerPool } from "../workspace/serverPool";
import { addMcpServer, windowUi, type McpAddArgs, type McpAddUi } from "./mcpAdd";
import { mcpDefinedAt, removeMcpEntry, targetLabel } from "./mcpSettings";
import { describeStatus, McpTree, type McpNode } from "./mcpTree";
import { pickMcpAction } from "./mcpPicker";
import { askFolder } from "../workspace/folderPick";

type ServerNode = McpNode & { kind: "server" };

/** The MCP Servers view and its `opencode.mcp.*` commands; `testHooks` adds the view's rows, and Add, Remove and Manage answered by the integration tests. */
export function registerMcp(pool: ServerPool, reportError: ReportError, testHooks: boolean): vscode.Disposable[] {
  const tree = new McpTree(pool);
  // A user action is use: it starts the folder's server if needed, as a prompt would.
  const api = (folder: vscode.WorkspaceFolder) => new OpencodeApi(() => pool.start(folder), folder.uri.fsPath);
  /** View actions get their row; anything else (a stale keybinding) is ignored. */
  const onServer = (doing: string, act: (n: ServerNode) => Promise<unknown>) => async (node?: McpNode) => {
    if (node?.kind !== "server") return;
    try { await act(node); } catch (err) { void reportError(err, `MCP ${doing}`, { doing: `${doing} MCP server "${node.name}"` }); }
    tree.refresh();
  };

  const add = async (arg?: McpNode | McpAddArgs, ui: McpAddUi = windowUi) => {
    const node = arg && "kind" in arg ? arg : undefined;
    try {
      const added = await addMcpServer(node?.folder, node ? {} : arg as McpAddArgs | undefined, ui);
      if (!added) return;
      // A running server gets the pool's "settings changed, restart?" question; a stopped one reads the setting when it starts.
      if (pool.stateOf(added.folder).kind !== "running") void vscode.window.showInformationMessage(`opencode: MCP server "${added.name}" added to opencode.mcp. It starts with the folder's opencode server.`);
      tree.refresh();
    } catch (err) { void reportError(err, "MCP add", { doing: "adding an MCP server" }); }
  };

  const authenticate = onServer("authenticating", async node => {
    // opencode runs the OAuth flow itself: it opens the browser and waits for the redirect to its own callback.
    const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `opencode: authenticating "${node.name}" in the browser…` },
      () => api(node.folder).mcpAuthenticate(node.name));
    if (status && status.status !== "connected") throw new Error(`"${node.name}" is ${describeStatus(status)}`);
  });

  const remove = (ui: McpAddUi) => onServer("removing", async node => {
    const levels = mcpDefinedAt(node.folder, node.name);
    if (!levels.length) {
      void vscode.window.showInformationMessage(`opencode: "${node.name}" comes from opencode's own config (opencode.json or ~/.config/opencode), not the opencode.mcp setting: remove it there.`);
      return;
    }
    const where = levels.map(l => targetLabel[l]).join(", ");
    if (!await ui.confirm(`Remove MCP server "${node.name}" from opencode.mcp (${where})?`, "Remove")) return;
    for (const level of levels) await removeMcpEntry(node.folder, level, node.name);
    // Until the restart the running server keeps it: stop it there now.
    if (pool.stateOf(node.folder).kind === "running") await api(node.folder).mcpDisconnect(node.name).catch(() => undefined);
  });

  const connect = onServer("connecting", n => api(n.folder).mcpConnect(n.name));
  const disconnect = onServer("disconnecting", n => api(n.folder).mcpDisconnect(n.name));

  /** The palette's way to everything the view offers, for one folder. */
  const manage = (ui: McpAddUi) => async (given?: vscode.WorkspaceFolder) => {
    const folder = given ?? await askFolder("MCP servers: which folder's opencode?");
    if (!folder) return;
    try {
      // Listing needs the server: it starts only when the user says so.
      if (pool.stateOf(folder).kind !== "running" && !await ui.confirm(`opencode for "${folder.name}" is not running. Start it to see its MCP servers?`, "Start Server")) return;
      const picked = await pickMcpAction(ui, folder, await api(folder).mcpStatus());
      if (picked === "add") return await add({ folder: folder.name }, ui);
      if (!picked) return;
      const run = { connect, disconnect, authenticate, remove: remove(ui) }[picked.action];
      await run({ kind: "server", folder, name: picked.name, status: picked.status });
    } catch (err) { void reportError(err, "MCP servers", { doing: "listing the MCP servers" }); }
  };

  return [
    tree,
    vscode.window.registerTreeDataProvider(mcpViewId, tree),
    vscode.commands.registerCommand("opencode.mcp.refresh", () => tree.refresh()),
    vscode.commands.registerCommand("opencode.mcp.add", (arg?: McpNode | McpAddArgs) => add(arg)),
    vscode.commands.registerCommand("opencode.mcp.startServer", async (node?: McpNode) => {
      if (!node) return;
      try { await pool.start(node.folder); } catch (err) { void reportError(err, "MCP start", { doing: "starting the server" }); }
    }),
    vscode.commands.registerCommand("opencode.mcp.manage", () => manage(windowUi)()),
    vscode.commands.registerCommand("opencode.mcp.connect", connect),
    vscode.commands.registerCommand("opencode.mcp.disconnect", disconnect),
    vscode.commands.registerCommand("opencode.mcp.authenticate", authenticate),
    vscode.commands.registerCommand("opencode.mcp.remove", remove(windowUi)),
    ...(testHooks ? [
      vscode.commands.registerCommand("opencode.test.mcpRows", () => rows(tree)),
      // Add with the test's own answers to its questions (quick input has no command to type into).
      vscode.commands.registerCommand("opencode.test.mcpAddAnswering", (ui: McpAddUi, args: McpAddArgs) => add(args, ui)),
      vscode.commands.registerCommand("opencode.test.mcpRemoveAnswering", (ui: McpAddUi, node: McpNode) => remove(ui)(node)),
      vscode.commands.registerCommand("opencode.test.mcpManageAnswering", (ui: McpAddUi, folder: vscode.WorkspaceFolder) => manage(ui)(folder)),
    ] : []),
  ];
}

/** The view's rows as the tree shows them (label, description, menu context), folder by folder. */
async function rows(tree: McpTree): Promise<{ label: string; description?: string; contextValue?: string; node: McpNode }[][]> {
  const top = await tree.getChildren();
  const groups = top[0]?.kind === "folder" ? await Promise.all(top.map(n => tree.getChildren(n))) : [top];
  return groups.map(g => g.map(node => {
    const item = tree.getTreeItem(node);
    return { label: String(item.label), description: item.description as string | undefined, contextValue: item.contextValue, node };
  }));
}
