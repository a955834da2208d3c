import type * as vscode from "vscode";
import type { FolderSession } from "../conversation/folderSession";
import type { HostMessage } from "../shared/messages";
import type { ServerPool } from "../workspace/serverPool";
import type { Log } from "../host/log";
import type { DiffDocuments } from "../host/diffDocuments";
import type { ReportError } from "../host/errors";
import type { AskCenter } from "../approvals/askCenter";
import type { EditReview } from "../review/editReview";
import type { FolderMemory } from "../host/folderMemory";
import type { FileIndex } from "./completions";
import type { ModelStatus } from "../models/modelStatus";

/** What a controller needs from the view or editor panel it drives. */
export type ChatSurface = {
  readonly webview: vscode.Webview;
  readonly onDidDispose: vscode.Event<void>;
  /** Editor panels show the session title on their tab. */
  setTitle?(title: string): void;
  /** Whether the user can see it now (not a hidden view or a background tab). */
  isVisible(): boolean;
  /** Brings it to the front. */
  reveal(): void;
  /** An editor panel that is the active tab (the sidebar view never is). */
  isActiveTab?(): boolean;
  /** Closes an editor panel (the sidebar view cannot be closed). */
  close?(): void;
};

export type ChatDeps = {
  pool: ServerPool; log: Log; memory: FolderMemory; files: FileIndex; asks: AskCenter; review: EditReview; docs: DiffDocuments; reportError: ReportError;
  /** Which model answers each folder's next prompt, and whether it can. */
  models: ModelStatus;
  /** OPENCODE_VSCODE_TEST=1: `test.*` messages go out and come in; otherwise neither. */
  testHooks: boolean;
  onDidFocus(c: Chat): void;
  /** A sub-agent's session opens in its own editor panel. */
  openInEditor(folder: vscode.WorkspaceFolder, sessionID: string): void;
};

/** One chat as its message handlers, pickers and links see it (a ChatController). */
export interface Chat {
  readonly surface: ChatSurface;
  readonly deps: ChatDeps;
  readonly folder: vscode.WorkspaceFolder | undefined;
  readonly sessionID: string | undefined;
  readonly folderSession: FolderSession | undefined;
  select(folder: vscode.WorkspaceFolder | undefined, sessionID: string | undefined): void;
  /** Shows a sent prompt until opencode records it; undefined: shows none. */
  setOutgoing(text: string | undefined): void;
  post(m: HostMessage): void;
}
