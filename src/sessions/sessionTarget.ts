import * as vscode from "vscode";
import type { Lazy } from "../common/lazy";
import type { ChatHub } from "../chat/chatHub";
import type { FrontFolder } from "../workspace/frontFolder";
import type { ServerPool } from "../workspace/serverPool";
import { isSessionRef, type SessionRef } from "./sessionRef";
import { conversations } from "./engine/sessionMessages";

/**
 * The session a command acts on: the one it was given (a view item, a picker button), else the
 * session of the chat in front, else the user picks a folder and then one of its sessions.
 * Undefined when the user cancelled.
 */
export async function sessionTarget(arg: unknown, d: { pool: ServerPool; front: FrontFolder; chat: Lazy<ChatHub> }, verb: string): Promise<SessionRef | undefined> {
  if (isSessionRef(arg)) return arg;
  const c = d.chat.peek()?.focused();
  if (c?.folder && c.sessionID) return { folder: c.folder, sessionID: c.sessionID, title: c.folderSession?.state.sessions[c.sessionID]?.info?.title };
  const folder = await d.front.pick(`opencode: ${verb} a session of which folder?`);
  if (!folder) return undefined;
  await d.pool.start(folder);
  const list = await conversations(d.pool.session(folder).client);
  if (!list.length) {
    void vscode.window.showInformationMessage(`opencode: ${folder.name} has no sessions yet.`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    list.map(s => ({ label: s.title || "Untitled", description: new Date(s.time.updated).toLocaleString(), detail: s.id, sessionID: s.id })),
    { title: `opencode: ${verb} which session of ${folder.name}?`, matchOnDetail: true });
  return pick && { folder, sessionID: pick.sessionID, title: pick.label };
}
