import type * as vscode from "vscode";

/**
 * One session of one folder, as the Sessions view's items, the chat and the session commands pass
 * it: every session command takes one (or none, and then asks for the folder and the session).
 */
export type SessionRef = { folder: vscode.WorkspaceFolder; sessionID: string; title?: string };

/** Whether a command argument is a SessionRef (commands are also run from the palette, with none). */
export function isSessionRef(x: unknown): x is SessionRef {
  const r = x as Partial<SessionRef> | undefined;
  return !!r && typeof r.sessionID === "string" && typeof r.folder?.uri?.toString === "function";
}
