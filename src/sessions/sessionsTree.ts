import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { errorText } from "../common/errorText";
import type { Session } from "../protocol/session";
import type { FolderSession } from "../conversation/folderSession";
import type { ServerPool } from "../workspace/serverPool";
import { SessionList } from "./engine/sessionList";
import { followFolder } from "./engine/followFolder";
import { askingRoots, relativeTime, type RowActivity } from "./engine/rowState";
import type { SessionRef } from "./sessionRef";
import { folderItem, messageItem, startServerItem } from "../workspace/folderTreeItems";

export type SessionNode =
  | { kind: "folder"; folder: vscode.WorkspaceFolder }
  /** A SessionRef itself: context menus hand the node to the session commands of every feature. */
  | (SessionRef & { kind: "session"; session: Session; activity: RowActivity; expandable: boolean })
  | { kind: "loadMore"; folder: vscode.WorkspaceFolder }
  /** The folder's server is not running: listing would start it, so the item offers that instead. */
  | { kind: "notRunning"; folder: vscode.WorkspaceFolder }
  | { kind: "message"; folder: vscode.WorkspaceFolder; text: string; icon: string };

/** A row's click argument: a plain SessionRef. */
const refOf = (n: SessionNode & { kind: "session" }): SessionRef => ({ folder: n.folder, sessionID: n.session.id, title: n.session.title });

const activityIcons: Record<RowActivity, vscode.ThemeIcon> = {
  idle: new vscode.ThemeIcon("comment-discussion"),
  busy: new vscode.ThemeIcon("loading~spin"),
  asking: new vscode.ThemeIcon("bell-dot", new vscode.ThemeColor("problemsWarningIcon.foreground")),
};
const activityWords: Record<RowActivity, string> = { idle: "idle", busy: "working", asking: "waiting for approval" };

/** How long a burst of events (a turn re-sends `busy` many times) is gathered into one repaint. */
const repaintMs = 150;

/**
 * The "Sessions" view: every session opencode keeps for each folder, a page at a time, newest
 * first, sub-agents under their parent. It never starts a server (the view may be visible at
 * activation); each folder's list lives as long as the folder's scope and follows its events.
 */
export class SessionsTree extends Disposable implements vscode.TreeDataProvider<SessionNode> {
  readonly #changed = this.register(new vscode.EventEmitter<SessionNode | undefined>());
  readonly onDidChangeTreeData = this.#changed.event;
  readonly #lists = new Map<string, { list: SessionList; session: FolderSession }>();
  #search = "";
  #pending: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly pool: ServerPool, private readonly onError: (err: unknown) => void, private readonly now: () => number = Date.now) {
    super();
    this.register(pool.onDidChange(() => this.refresh()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()));
    this.register({ dispose: () => { clearTimeout(this.#pending); for (const { list } of this.#lists.values()) list.dispose(); this.#lists.clear(); } });
  }

  get search(): string { return this.#search; }

  /** Repaints now (the folder states, after a start or stop). */
  refresh(): void { this.#changed.fire(undefined); }

  /** Filters every folder's list by title on its server; "" lists everything again. */
  async setSearch(search: string): Promise<void> {
    this.#search = search.trim();
    await Promise.all([...this.#lists.values()].map(({ list }) => list.setSearch(this.#search)));
    this.refresh();
  }

  /** Re-reads the loaded pages of every running folder. */
  async reload(): Promise<void> {
    await Promise.all([...this.#lists.values()].map(({ list }) => list.loaded ? list.reload() : undefined));
    this.refresh();
  }

  async loadMore(folder: vscode.WorkspaceFolder): Promise<void> {
    await this.#lists.get(folder.uri.toString())?.list.loadMore();
  }

  async getChildren(node?: SessionNode): Promise<SessionNode[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!node) return folders.length === 1 ? this.#rootsOf(folders[0]) : folders.map(folder => ({ kind: "folder", folder }));
    if (node.kind === "folder") return this.#rootsOf(node.folder);
    if (node.kind !== "session") return [];
    const entry = this.#entry(node.folder);
    if (!entry) return [];
    try {
      const kids = entry.list.knownChildren(node.session.id) ?? await entry.list.childrenOf(node.session.id);
      return this.#rows(node.folder, entry, kids);
    } catch (err) {
      return [{ kind: "message", folder: node.folder, text: `Could not read the sub-agent sessions: ${errorText(err)}`, icon: "error" }];
    }
  }

  async #rootsOf(folder: vscode.WorkspaceFolder): Promise<SessionNode[]> {
    const entry = this.#entry(folder);
    if (!entry) return [{ kind: "notRunning", folder }];
    try {
      await entry.list.ensureLoaded();
    } catch (err) {
      return [{ kind: "message", folder, text: `Could not read the sessions: ${errorText(err)}`, icon: "error" }];
    }
    const rows = this.#rows(folder, entry, entry.list.sessions);
    if (!rows.length) return [{ kind: "message", folder, text: entry.list.search ? `No session title contains "${entry.list.search}"` : "No sessions yet", icon: "info" }];
    return entry.list.hasMore ? [...rows, { kind: "loadMore", folder }] : rows;
  }

  #rows(folder: vscode.WorkspaceFolder, entry: { list: SessionList; session: FolderSession }, sessions: readonly Session[]): SessionNode[] {
    const state = entry.session.state;
    const asking = askingRoots(state);
    return sessions.map(session => ({
      kind: "session", folder, sessionID: session.id, title: session.title, session, expandable: entry.list.mayHaveChildren(session.id),
      activity: asking.has(session.id) ? "asking" : (state.sessions[session.id]?.status.type ?? "idle") !== "idle" ? "busy" : "idle",
    }));
  }

  /** Creates the folder's list on first sight of its running server; it ends with the folder's scope. */
  #entry(folder: vscode.WorkspaceFolder): { list: SessionList; session: FolderSession } | undefined {
    const key = folder.uri.toString();
    if (this.pool.stateOf(folder).kind !== "running") return undefined;
    const existing = this.#lists.get(key);
    if (existing) return existing;
    const scoped = this.pool.entries().find(e => e.folder.uri.toString() === key);
    if (!scoped?.session) return undefined;
    const session = scoped.session;
    const list = new SessionList(session.client);
    if (this.#search) void list.setSearch(this.#search).catch(this.onError);
    const entry = { list, session };
    this.#lists.set(key, entry);
    const follow = followFolder(list, session, () => this.#repaintSoon(), this.onError);
    const changed = list.onDidChange(() => this.#repaintSoon());
    scoped.scope.register({ dispose: () => { follow.dispose(); changed.dispose(); list.dispose(); if (this.#lists.get(key) === entry) this.#lists.delete(key); } });
    return entry;
  }

  #repaintSoon(): void {
    this.#pending ??= setTimeout(() => { this.#pending = undefined; this.refresh(); }, repaintMs);
  }

  getTreeItem(node: SessionNode): vscode.TreeItem {
    switch (node.kind) {
      case "folder": return folderItem("sessions", node.folder, "opencode.sessions.folder");
      case "notRunning": return startServerItem("sessions", `opencode for "${node.folder.name}" is not running; its sessions are listed once it runs.`, "opencode.sessions.startServer", node.folder);
      case "loadMore": {
        const item = new vscode.TreeItem("Load more…");
        Object.assign(item, { id: `sessions:${node.folder.uri}:more`, iconPath: new vscode.ThemeIcon("ellipsis"), tooltip: "Read the next page of older sessions" });
        item.command = { command: "opencode.sessions.loadMore", title: "Load More", arguments: [node.folder] };
        return item;
      }
      case "message": return messageItem(node.text, node.icon);
      case "session": return this.#sessionItem(node);
    }
  }

  #sessionItem(node: SessionNode & { kind: "session" }): vscode.TreeItem {
    const s = node.session;
    const item = new vscode.TreeItem(s.title || "Untitled", node.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `sessions:${node.folder.uri}:${s.id}`;
    item.description = relativeTime(s.time.updated, this.now());
    item.iconPath = activityIcons[node.activity];
    item.contextValue = `opencode.session${node.activity === "idle" ? "" : node.activity === "busy" ? ".busy" : ".asking"}`;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown("**").appendText(s.title || "Untitled").appendMarkdown("**\n\n");
    tip.appendText(`${activityWords[node.activity]} · id ${s.id}`).appendMarkdown("\n\n");
    tip.appendText(`Created ${new Date(s.time.created).toLocaleString()} · updated ${new Date(s.time.updated).toLocaleString()}`);
    item.tooltip = tip;
    item.command = { command: "opencode.sessions.open", title: "Open", arguments: [refOf(node)] };
    return item;
  }
}
