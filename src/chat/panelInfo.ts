import * as vscode from "vscode";
import { OpencodeNotFoundError, OpencodeUnusableError } from "../server/binary";
import type { FolderSession } from "../conversation/folderSession";
import { findSession } from "../protocol/state";
import { toUserMessage, withOutput } from "../server/userMessage";
import type { EmptyState, PanelInfo } from "../shared/messages";
import type { ServerPool } from "../workspace/serverPool";
import { describeState } from "../workspace/serverText";
import { demoBanner } from "../host/demo";
import { read, Settings } from "../host/config";
import type { FolderMemory } from "../host/folderMemory";
import type { AskCenter } from "../approvals/askCenter";
import type { EditReview } from "../review/editReview";
import type { ModelStatus } from "../models/modelStatus";

export type PanelContext = {
  folder: vscode.WorkspaceFolder | undefined;
  session: FolderSession | undefined;
  sessionID: string | undefined;
  /** The session's messages have not been loaded yet: an empty session may only look empty. */
  loading: boolean;
  /** A prompt sent from this chat that opencode has not recorded yet. */
  outgoing: string | undefined;
  startError: unknown;
  pool: ServerPool;
  memory: FolderMemory;
  asks: AskCenter;
  review: EditReview;
  models: ModelStatus;
};

const untrustedMessage = "This workspace is not trusted, so opencode starts no server here: its agent can edit files and run commands. Trust the workspace to use it.";

/** Everything around the conversation, from the host's current state. */
export function panelInfo(c: PanelContext): PanelInfo {
  const folders = (vscode.workspace.workspaceFolders ?? []).map(f => ({ name: f.name, path: f.uri.fsPath }));
  const state = c.folder ? c.pool.stateOf(c.folder) : { kind: "stopped" as const };
  const model = c.folder ? c.memory.model(c.folder) ?? (read(Settings.model, c.folder.uri) || undefined) : undefined;
  return {
    folders,
    folder: c.folder?.uri.fsPath,
    banner: vscode.workspace.isTrusted ? demoBanner() : undefined,
    empty: emptyState(c, state.kind, state.kind === "crashed" ? withOutput(state.error, state.outputTail) : undefined),
    server: { kind: state.kind, detail: describeState(state) },
    connection: c.session?.connection.kind,
    sending: c.outgoing === undefined ? undefined : { text: c.outgoing, step: state.kind === "running" ? "Sending…" : "Starting opencode…" },
    queue: c.session && c.sessionID ? c.session.held.list(c.sessionID).map(p => ({ id: p.id, text: p.text })) : [],
    model,
    contextLimit: contextLimit(c, model),
    asks: c.folder && c.sessionID ? c.asks.panelAsks(c.folder, c.sessionID) : [],
    autoApproveEdits: c.folder && c.sessionID ? c.asks.isAutoApproving(c.folder, c.sessionID) : false,
    whyRan: c.folder && c.sessionID && c.session ? c.asks.whyRan(c.folder, c.sessionID, c.session.state) : undefined,
    agent: c.folder ? c.memory.agent(c.folder) ?? (read(Settings.agent, c.folder.uri) || undefined) : undefined,
    review: reviewOf(c),
    answering: c.folder ? c.models.line(c.folder) : undefined,
  };
}

function reviewOf(c: PanelContext): PanelInfo["review"] {
  if (!c.folder || !c.sessionID) return undefined;
  const r = c.review.summary({ folder: c.folder, sessionID: c.sessionID });
  return r.files ? r : undefined;
}

/** The window of the model that answered last in the session (what the next turn carries), else the chosen one. */
function contextLimit(c: PanelContext, chosen: string | undefined): number | undefined {
  const viewed = c.session && c.sessionID ? findSession(c.session.state, c.sessionID) : undefined;
  const last = viewed?.messages.findLast(m => m.info.role === "assistant" && m.info.modelID)?.info;
  const model = last?.role === "assistant" && last.providerID ? `${last.providerID}/${last.modelID}` : chosen;
  return model ? c.session?.contextLimit(model) : undefined;
}

/** `crash`: why the server stopped, when it crashed or failed to start. */
function emptyState(c: PanelContext, server: PanelInfo["server"]["kind"], crash: string | undefined): EmptyState | undefined {
  if (!c.folder) return { kind: "noFolder", message: "Open a folder to start a conversation with opencode.", action: { label: "Add Folder…", command: "workbench.action.addRootFolder" } };
  if (!vscode.workspace.isTrusted) return { kind: "untrusted", message: untrustedMessage, action: { label: "Manage Workspace Trust", command: "workbench.trust.manage" } };
  if (c.startError instanceof OpencodeNotFoundError) {
    return { kind: "noOpencode", message: toUserMessage(c.startError), action: { label: "Install opencode", command: "opencode.installOpencode" } };
  }
  // There, but too slow to answer (Start Server tries again, below), failed, or another program.
  if (c.startError instanceof OpencodeUnusableError && c.startError.first.kind !== "timed out" && server !== "running" && server !== "starting") {
    return { kind: "serverError", message: toUserMessage(c.startError), action: { label: "Set Path…", command: "opencode.showSetPath" } };
  }
  if (server === "crashed" || (c.startError && server !== "running" && server !== "starting")) {
    return { kind: "serverError", message: c.startError ? toUserMessage(c.startError) : `The opencode server stopped${crash ? `: ${crash}` : "."}`, action: { label: "Start Server", command: "opencode.server.start" } };
  }
  const viewed = c.session && c.sessionID ? findSession(c.session.state, c.sessionID) : undefined;
  if (!c.sessionID || (viewed && viewed.messages.length === 0 && viewed.info && !c.loading)) {
    return { kind: "noSession", message: `Ask opencode to explain, change or build something in ${c.folder.name}. It works in this folder and asks before it edits files or runs commands.` };
  }
  return undefined;
}
