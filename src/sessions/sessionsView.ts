import * as vscode from "vscode";
import type { ServerPool } from "../workspace/serverPool";
import type { ReportError } from "../host/errors";
import { sessionsViewId } from "../host/viewIds";
import { isSessionRef, type SessionRef } from "./sessionRef";
import { askRename, type AskTitle } from "./rename";
import { SessionsTree, type SessionNode } from "./sessionsTree";

export type SessionsViewDeps = {
  pool: ServerPool;
  reportError: ReportError;
  /** The sidebar chat shows the session. */
  showInSidebar: (folder: vscode.WorkspaceFolder, sessionID: string) => Promise<void>;
  /** A chat editor tab shows the session. */
  openInEditor: (folder: vscode.WorkspaceFolder, sessionID: string) => unknown;
  testHooks: boolean;
};

/** Whether a search filters the view: its title bar then offers Clear. */
const searchingKey = "opencode.sessions.searching";

/** The Sessions view and its own commands (open, open in editor, rename, search, refresh). */
export function registerSessionsView(deps: SessionsViewDeps): vscode.Disposable[] {
  const tree = new SessionsTree(deps.pool, err => void deps.reportError(err, "sessions view"));
  const view = vscode.window.createTreeView(sessionsViewId, { treeDataProvider: tree, showCollapseAll: true });
  const guarded = <A extends unknown[]>(doing: string, run: (...a: A) => Promise<unknown>) => async (...a: A) => {
    try { await run(...a); } catch (err) { void deps.reportError(err, "sessions view", { doing }); }
  };
  const ref = (arg: unknown): SessionRef | undefined => (isSessionRef(arg) ? arg : undefined);
  const setSearch = async (search: string) => {
    await tree.setSearch(search);
    view.message = tree.search ? `Titles containing "${tree.search}"` : undefined;
    await vscode.commands.executeCommand("setContext", searchingKey, !!tree.search);
  };
  const rename = async (arg: unknown, ask?: AskTitle) => {
    const r = ref(arg);
    if (!r || deps.pool.stateOf(r.folder).kind !== "running") return;
    await askRename(deps.pool.session(r.folder).client, r.sessionID, r.title, ask);
  };
  return [
    tree, view,
    vscode.commands.registerCommand("opencode.sessions.open", guarded("opening the session", async (arg: unknown) => {
      const r = ref(arg);
      if (r) await deps.showInSidebar(r.folder, r.sessionID);
    })),
    vscode.commands.registerCommand("opencode.sessions.openInEditor", guarded("opening the session", async (arg: unknown) => {
      const r = ref(arg);
      if (r) await deps.openInEditor(r.folder, r.sessionID);
    })),
    vscode.commands.registerCommand("opencode.sessions.rename", guarded("renaming the session", (arg: unknown) => rename(arg))),
    vscode.commands.registerCommand("opencode.sessions.search", guarded("searching the sessions", async () => {
      const search = await vscode.window.showInputBox({ title: "Search sessions by title", value: tree.search, placeHolder: "Part of a title (empty: every session)" });
      if (search !== undefined) await setSearch(search);
    })),
    vscode.commands.registerCommand("opencode.sessions.clearSearch", guarded("clearing the search", () => setSearch(""))),
    vscode.commands.registerCommand("opencode.sessions.refresh", guarded("reading the sessions", () => tree.reload())),
    vscode.commands.registerCommand("opencode.sessions.loadMore", guarded("reading more sessions", async (folder: vscode.WorkspaceFolder) => tree.loadMore(folder))),
    vscode.commands.registerCommand("opencode.sessions.startServer", guarded("starting the server", async (folder: vscode.WorkspaceFolder) => deps.pool.start(folder))),
    ...(deps.testHooks ? [
      vscode.commands.registerCommand("opencode.test.sessionRows", () => rows(tree)),
      vscode.commands.registerCommand("opencode.test.sessionsSearch", (search: string) => setSearch(search)),
      vscode.commands.registerCommand("opencode.test.sessionsLoadMore", (folder: vscode.WorkspaceFolder) => tree.loadMore(folder)),
      // Rename with the test's answer (an input box has no command to type into), and sessions to list.
      vscode.commands.registerCommand("opencode.test.sessionsRenameAnswering", (r: SessionRef, title: string) => rename(r, async () => title)),
      vscode.commands.registerCommand("opencode.test.sessionsCreate", async (folder: vscode.WorkspaceFolder, title: string) => (await deps.pool.session(folder).client.createSession({ title })).id),
    ] : []),
  ];
}

type Row = { label: string; description?: string; contextValue?: string; collapsible: boolean; ref?: SessionRef; children?: Row[] };

/** The view's rows as the tree shows them, folder by folder; expandable sessions with their sub-agents. */
async function rows(tree: SessionsTree): Promise<Row[][]> {
  const top = await tree.getChildren();
  const groups = top[0]?.kind === "folder" ? await Promise.all(top.map(n => tree.getChildren(n))) : [top];
  const row = async (node: SessionNode): Promise<Row> => {
    const item = tree.getTreeItem(node);
    const collapsible = item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None;
    const ref = node.kind === "session" ? { folder: node.folder, sessionID: node.sessionID, title: node.title } : undefined;
    return {
      label: String(item.label), description: item.description as string | undefined, contextValue: item.contextValue, collapsible, ref,
      ...(collapsible ? { children: await Promise.all((await tree.getChildren(node)).map(row)) } : {}),
    };
  };
  return Promise.all(groups.map(g => Promise.all(g.map(row))));
}
