import type * as vscode from "vscode";

/**
 * Per-folder choices that outlive a window: the last session shown, and the model and agent the
 * user picked. In workspace state (this machine, this workspace), never in a settings file.
 * One per window, shared by the chat and the runs, which both read and write these choices.
 */
export class FolderMemory {
  constructor(private readonly state: vscode.Memento) {}

  lastSession(folder: vscode.WorkspaceFolder): string | undefined { return this.state.get(`lastSession:${folder.uri}`); }
  setLastSession(folder: vscode.WorkspaceFolder, id: string | undefined): Thenable<void> { return this.state.update(`lastSession:${folder.uri}`, id); }

  /** "provider/model", or undefined for the server's default (settings, then opencode's own). */
  model(folder: vscode.WorkspaceFolder): string | undefined { return this.state.get(`model:${folder.uri}`); }
  setModel(folder: vscode.WorkspaceFolder, model: string | undefined): Thenable<void> { return this.state.update(`model:${folder.uri}`, model); }

  /** The picked model's variant (e.g. reasoning effort "high"); undefined for the model's own default. */
  variant(folder: vscode.WorkspaceFolder): string | undefined { return this.state.get(`variant:${folder.uri}`); }
  setVariant(folder: vscode.WorkspaceFolder, variant: string | undefined): Thenable<void> { return this.state.update(`variant:${folder.uri}`, variant); }

  agent(folder: vscode.WorkspaceFolder): string | undefined { return this.state.get(`agent:${folder.uri}`); }
  setAgent(folder: vscode.WorkspaceFolder, agent: string | undefined): Thenable<void> { return this.state.update(`agent:${folder.uri}`, agent); }
}
