import * as vscode from "vscode";
import type { Chat } from "./chatContext";
import { pickAgentOf, pickModelOf } from "./catalogue";
import { isModelCheckSession } from "../models/engine/checkModel";
import type { SessionRef } from "../sessions/sessionRef";

// Native pickers for the panel's header: VS Code's QuickPick already searches, is keyboard-first
// and themed, so the webview does not reimplement a list with search.

type SessionItem = vscode.QuickPickItem & { sessionID?: string };
const renameButton = { iconPath: new vscode.ThemeIcon("edit"), tooltip: "Rename" };
const forkButton = { iconPath: new vscode.ThemeIcon("repo-forked"), tooltip: "Fork" };
const deleteButton = { iconPath: new vscode.ThemeIcon("trash"), tooltip: "Delete" };

/** Sessions of the panel's folder, newest first, with new / rename / fork / delete. */
export async function pickSession(c: Chat): Promise<void> {
  const folder = c.folder;
  const session = folder && vscode.workspace.isTrusted ? c.folderSession : undefined;
  if (!folder || !session) return;
  await c.deps.pool.start(folder);
  const items = (): SessionItem[] => [
    { label: "$(add) New Session", alwaysShow: true },
    ...Object.values(session.state.sessions)
      // A Check Model session lives for seconds and is never a conversation.
      .flatMap(s => (s.info && !s.info.parentID && !isModelCheckSession(s.info.title) ? [{ s, info: s.info }] : []))
      .sort((a, b) => b.info.time.updated - a.info.time.updated)
      .map(({ s, info }) => ({
        label: `${s.status.type !== "idle" ? "$(loading~spin) " : ""}${info.title || "Untitled"}`,
        description: `${new Date(info.time.updated).toLocaleString()}${info.id === c.sessionID ? " · in this panel" : ""}`,
        sessionID: info.id, buttons: [renameButton, forkButton, deleteButton],
      })),
  ];
  const qp = vscode.window.createQuickPick<SessionItem>();
  qp.title = `opencode sessions — ${folder.name}`;
  qp.placeholder = "Search sessions";
  qp.matchOnDescription = true;
  qp.items = items();
  const done = new Promise<void>(resolve => qp.onDidHide(() => resolve()));
  qp.onDidAccept(() => { const pick = qp.selectedItems[0]; qp.hide(); if (pick) c.select(folder, pick.sessionID); });
  qp.onDidTriggerItemButton(async ({ item, button }) => {
    const id = item.sessionID;
    if (!id) return;
    try {
      if (button === renameButton) {
        const title = await vscode.window.showInputBox({ title: "Rename session", value: item.label.replace(/^\$\([^)]*\)\s*/, ""), ignoreFocusOut: true });
        if (title) await session.client.renameSession(id, title);
      } else if (button === forkButton || button === deleteButton) {
        // The session commands own fork and delete (the chats, runs and reviews they touch).
        const ref: SessionRef = { folder, sessionID: id, title: item.label.replace(/^\$\([^)]*\)\s*/, "") };
        if (button === forkButton) qp.hide();
        await vscode.commands.executeCommand(button === forkButton ? "opencode.sessions.fork" : "opencode.sessions.delete", ref);
        if (button === forkButton) return;
      }
      qp.items = items();
    } catch (err) {
      void c.deps.reportError(err, "chat: the session picker");
    }
  });
  qp.show();
  await done;
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
