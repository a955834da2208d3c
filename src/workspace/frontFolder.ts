import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { askFolder } from "./folderPick";
import { chatPanelType } from "../host/viewIds";

/** The chat panel tab in front and the folder it shows, told by the chat (loaded later than this). */
type ChatTabs = { folderOfActivePanel(): vscode.WorkspaceFolder | undefined };

/**
 * The folder of what is in front, for commands and the status bar in a multi-root window: the
 * active text editor's folder; else the active tab's (a chat editor tab shows one folder, a diff
 * or notebook tab has a file); else none, and the caller asks. A single-folder window always has
 * its folder. The window owns one; it keeps no per-folder state.
 */
export class FrontFolder extends Disposable {
  #chat: ChatTabs | undefined;
  readonly #changed = this.register(new vscode.EventEmitter<void>());
  /** What is in front may have changed folder (an editor, a tab, a chat panel's selection). */
  readonly onDidChange = this.#changed.event;

  constructor() {
    super();
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.#changed.fire()));
    this.register(vscode.window.tabGroups.onDidChangeTabs(() => this.#changed.fire()));
    this.register(vscode.window.tabGroups.onDidChangeTabGroups(() => this.#changed.fire()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.#changed.fire()));
  }

  /** The chat tells which folder its active editor panel shows, and when that changes. */
  attachChat(chat: ChatTabs & { onDidChangeFront: vscode.Event<void> }): vscode.Disposable {
    this.#chat = chat;
    const sub = chat.onDidChangeFront(() => this.#changed.fire());
    return { dispose: () => { sub.dispose(); if (this.#chat === chat) this.#chat = undefined; } };
  }

  current(): vscode.WorkspaceFolder | undefined {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length <= 1) return folders[0];
    const editor = vscode.window.activeTextEditor?.document.uri;
    const ofEditor = editor && vscode.workspace.getWorkspaceFolder(editor);
    if (ofEditor) return ofEditor;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputWebview) return input.viewType.endsWith(chatPanelType) ? this.#chat?.folderOfActivePanel() : undefined;
    const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputNotebook || input instanceof vscode.TabInputCustom ? input.uri
      : input instanceof vscode.TabInputTextDiff || input instanceof vscode.TabInputNotebookDiff ? input.modified : undefined;
    return uri && vscode.workspace.getWorkspaceFolder(uri);
  }

  /**
   * The folder a command acts on: the one in front (unless `alwaysAsk`, for an explicit "switch
   * folder"), else the user picks. Undefined when there is no folder or the user cancelled.
   */
  async pick(title = "opencode: which folder?", alwaysAsk = false): Promise<vscode.WorkspaceFolder | undefined> {
    return (alwaysAsk ? undefined : this.current()) ?? askFolder(title);
  }
}
