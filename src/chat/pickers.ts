import * as vscode from "vscode";
import type { Chat } from "./chatContext";
import { pickAgentOf, pickModelOf } from "./catalogue";
import type { SessionRef } from "../sessions/sessionRef";
import { SessionList } from "../sessions/engine/sessionList";
import { followFolder } from "../sessions/engine/followFolder";
import { askRename } from "../sessions/rename";

// Native pickers for the panel's header: VS Code's QuickPick already searches, is keyboard-first
// and themed, so the webview does not reimplement a list with search.

type SessionItem = vscode.QuickPickItem & { sessionID?: string; more?: true };
const renameButton = { iconPath: new vscode.ThemeIcon("edit"), tooltip: "Rename" };
const forkButton = { iconPath: new vscode.ThemeIcon("repo-forked"), tooltip: "Fork" };
const deleteButton = { iconPath: new vscode.ThemeIcon("trash"), tooltip: "Delete" };
/** How long typing pauses before a filter that matches nothing loaded asks the server. */
const serverSearchDelayMs = 300;

/**
 * Sessions of the panel's folder, newest first, with new / rename / fork / delete. The same list
 * as the Sessions view: every session opencode keeps, "Load more…" for older pages, and a filter
 * that matches nothing loaded searches the titles on the server.
 */
export async function pickSession(c: Chat): Promise<void> {
  const folder = c.folder;
  const session = folder && vscode.workspace.isTrusted ? c.folderSession : undefined;
  if (!folder || !session) return;
  await c.deps.pool.start(folder);
  const list = new SessionList(session.client);
  const qp = vscode.window.createQuickPick<SessionItem>();
  const items = (): SessionItem[] => [
    { label: "$(add) New Session", alwaysShow: true },
    ...list.sessions.map(info => ({
      label: `${(session.state.sessions[info.id]?.status.type ?? "idle") !== "idle" ? "$(loading~spin) " : ""}${info.title || "Untitled"}`,
      description: `${new Date(info.time.updated).toLocaleString()}${info.id === c.sessionID ? " · in this panel" : ""}`,
      sessionID: info.id, buttons: [renameButton, forkButton, deleteButton],
    })),
    ...(list.hasMore ? [{ label: "$(ellipsis) Load more…", alwaysShow: true, more: true as const }] : []),
  ];
  const show = () => { qp.items = items(); };
  const failed = (err: unknown) => void c.deps.reportError(err, "chat: the session picker");
  const follow = followFolder(list, session, show, failed);
  const changed = list.onDidChange(show);
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  qp.title = `opencode sessions — ${folder.name}`;
  qp.placeholder = "Search sessions";
  qp.matchOnDescription = true;
  qp.busy = true;
  void list.ensureLoaded().catch(failed).finally(() => { qp.busy = false; });
  const done = new Promise<void>(resolve => qp.onDidHide(() => resolve()));
  qp.onDidChangeValue(value => {
    clearTimeout(searchTimer);
    const needle = value.trim().toLowerCase();
    const loadedMatch = list.sessions.some(s => (s.title || "Untitled").toLowerCase().includes(needle));
    // Back to every session once the filter is cleared; to the server when nothing loaded matches.
    if (needle ? loadedMatch || (!list.hasMore && !list.search) : !list.search) return;
    searchTimer = setTimeout(() => { qp.busy = true; void list.setSearch(value).catch(failed).finally(() => { qp.busy = false; }); }, serverSearchDelayMs);
  });
  qp.onDidAccept(async () => {
    const pick = qp.selectedItems[0];
    if (pick?.more) {
      qp.busy = true;
      await list.loadMore().catch(failed).finally(() => { qp.busy = false; });
      return;
    }
    qp.hide();
    if (pick) c.select(folder, pick.sessionID);
  });
  qp.onDidTriggerItemButton(async ({ item, button }) => {
    const id = item.sessionID;
    if (!id) return;
    const title = list.sessions.find(s => s.id === id)?.title;
    try {
      if (button === renameButton) {
        await askRename(session.client, id, title);
      } else if (button === forkButton || button === deleteButton) {
        // The session commands own fork and delete (the chats, runs and reviews they touch).
        const ref: SessionRef = { folder, sessionID: id, title };
        if (button === forkButton) qp.hide();
        await vscode.commands.executeCommand(button === forkButton ? "opencode.sessions.fork" : "opencode.sessions.delete", ref);
        if (button === forkButton) return;
      }
    } catch (err) {
      failed(err);
    }
  });
  show();
  qp.show();
  await done;
  clearTimeout(searchTimer);
  follow.dispose();
  changed.dispose();
  list.dispose();
  qp.dispose();
}

export async function pickModel(c: Chat): Promise<void> {
  const folder = c.folder;
  if (!folder || !c.folderSession) return;
  await c.deps.pool.start(folder);
  const pick = await pickModelOf(c.folderSession, `Model for ${folder.name}`, c.deps.memory.model(folder), {
    currentVariant: c.deps.memory.variant(folder),
    check: (ref, variant) => void vscode.commands.executeCommand("opencode.checkModel", { folder: folder.uri.toString(), model: ref, variant }),
  });
  if (pick === "cancelled") return;
  await c.deps.memory.setModel(folder, pick.value);
  await c.deps.memory.setVariant(folder, pick.value ? pick.variant : undefined);
  c.select(folder, c.sessionID);
  await c.deps.models.refresh(folder);
}

export async function pickAgent(c: Chat): Promise<void> {
  const folder = c.folder;
  if (!folder || !c.folderSession) return;
  await c.deps.pool.start(folder);
  const pick = await pickAgentOf(c.folderSession, `Agent for ${folder.name}`, c.deps.memory.agent(folder));
  if (pick === "cancelled") return;
  await c.deps.memory.setAgent(folder, pick.value);
  c.select(folder, c.sessionID);
}
