import * as vscode from "vscode";
import type { Lazy } from "../common/lazy";
import type { ChatHub } from "../chat/chatHub";
import type { FrontFolder } from "../workspace/frontFolder";
import type { ReportError } from "../host/errors";
import { HttpError } from "../common/errors";
import type { SessionRef } from "./sessionRef";
import { sessionTarget } from "./sessionTarget";
import { SessionActions, type SessionActionDeps } from "./sessionActions";
import { parseSessionHandle } from "./engine/sessionHandle";
import { ShareContext } from "./shareContext";

export type SessionCommandDeps = SessionActionDeps & { front: FrontFolder; chat: Lazy<ChatHub>; reportError: ReportError };

/**
 * Delete, Fork, Share, Unshare, Export, Copy ID, Open by ID and Compact. Each takes a SessionRef
 * (the Sessions view's items, the chat's session picker), or none from the palette. Every command
 * returns what it did, so the integration tests can check it through the command itself.
 */
export function registerSessionCommands(d: SessionCommandDeps): vscode.Disposable[] {
  const actions = new SessionActions(d);
  const on = <T>(verb: string, act: (ref: SessionRef) => Promise<T>) => async (arg?: unknown) => {
    try {
      const ref = await sessionTarget(arg, d, verb);
      return ref ? await act(ref) : undefined;
    } catch (err) {
      void d.reportError(err, `sessions: ${verb}`, { doing: `${verb} the session` });
      return undefined;
    }
  };
  return [
    new ShareContext(d.pool, d.log),
    vscode.commands.registerCommand("opencode.sessions.delete", on("delete", r => actions.delete(r))),
    vscode.commands.registerCommand("opencode.sessions.fork", on("fork", r => actions.fork(r))),
    vscode.commands.registerCommand("opencode.sessions.share", on("share", r => actions.share(r))),
    vscode.commands.registerCommand("opencode.sessions.unshare", on("unshare", r => actions.unshare(r))),
    vscode.commands.registerCommand("opencode.sessions.export", on("export", r => actions.export(r))),
    vscode.commands.registerCommand("opencode.sessions.copyId", on("copy the id of", r => actions.copyId(r))),
    vscode.commands.registerCommand("opencode.sessions.compact", on("compact", r => actions.compact(r))),
    vscode.commands.registerCommand("opencode.sessions.openById", async (arg?: unknown) => {
      try {
        const ref = await askForSession(typeof arg === "string" ? arg : undefined, d.front);
        if (!ref) return undefined;
        await actions.open(ref).catch(err => {
          throw err instanceof HttpError && err.status === 404 ? new Error(`${ref.folder.name} has no session ${ref.sessionID}: it was deleted, or it belongs to another folder.`) : err;
        });
        return ref;
      } catch (err) {
        void d.reportError(err, "sessions: openById", { doing: "opening the session" });
        return undefined;
      }
    }),
  ];
}

/** A session id or `<folder path>#<id>` handle, typed (or given), and its folder. */
async function askForSession(given: string | undefined, front: FrontFolder): Promise<SessionRef | undefined> {
  const input = given ?? await vscode.window.showInputBox({
    title: "opencode: Open Session by ID", placeHolder: "ses_… or <folder path>#ses_…", ignoreFocusOut: true,
    validateInput: v => { const p = parseSessionHandle(v); return "error" in p ? p.error : undefined; },
  });
  if (input === undefined) return undefined;
  const parsed = parseSessionHandle(input);
  if ("error" in parsed) throw new Error(parsed.error);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (parsed.folderPath) {
    const folder = folders.find(f => f.uri.fsPath === parsed.folderPath);
    if (!folder) throw new Error(`the folder ${parsed.folderPath} is not open in this window; add it to the workspace first.`);
    return { folder, sessionID: parsed.sessionID };
  }
  const folder = folders.length > 1 ? await front.pick(`opencode: which folder has ${parsed.sessionID}?`, true) : folders[0];
  if (!folder && !folders.length) throw new Error("open a folder first: sessions belong to a folder.");
  return folder && { folder, sessionID: parsed.sessionID };
}
