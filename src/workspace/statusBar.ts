import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { describeConnection, describeState } from "./serverText";
import type { ServerState } from "../server/supervisor";
import type { ServerPool } from "./serverPool";
import type { FrontFolder } from "./frontFolder";

const icons: Record<ServerState["kind"], string> = { stopped: "$(circle-outline)", starting: "$(loading~spin)", running: "$(pass-filled)", crashed: "$(error)", stopping: "$(loading~spin)" };

/** One item for the window, showing the server of the folder the user is working in. */
export class ServerStatusBar extends Disposable {
  readonly item = this.register(vscode.window.createStatusBarItem("opencode.server", vscode.StatusBarAlignment.Left, 50));
  /** Asks waiting for the user, in every folder: the item then says so above all else. */
  #pending = 0;

  /** The folder shown last: kept while nothing in front names one (the explorer, a terminal). */
  #shown: vscode.WorkspaceFolder | undefined;

  constructor(private readonly pool: ServerPool, private readonly front: FrontFolder) {
    super();
    this.item.name = "opencode server";
    this.item.command = "opencode.server.showActions";
    this.register(pool.onDidChange(() => this.update()));
    this.register(front.onDidChange(() => this.update()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.update()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()));
    this.update();
  }

  /** The folder to show: the one in front (an editor, a chat tab), else the one shown last, else the first. */
  #folderToShow(): vscode.WorkspaceFolder | undefined {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const last = this.#shown && folders.find(f => f.uri.toString() === this.#shown!.uri.toString());
    return this.front.current() ?? last ?? folders[0];
  }

  setPending(count: number): void {
    this.#pending = count;
    this.update();
  }

  update(): void {
    const folder = this.#shown = this.#folderToShow();
    if (!folder) return this.item.hide();
    if (this.#pending) return this.#showPending();
    const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const label = `opencode${multi ? ` (${folder.name})` : ""}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.isTrusted = { enabledCommands: ["opencode.server.start", "opencode.server.stop", "opencode.server.restart", "opencode.server.showLog"] };
    if (!vscode.workspace.isTrusted) {
      this.item.text = `$(shield) ${label}`;
      tip.appendMarkdown(`**opencode** — restricted: no server starts in an untrusted workspace.`);
      this.item.backgroundColor = undefined;
    } else {
      const state = this.pool.stateOf(folder);
      this.item.text = `${icons[state.kind]} ${label}`;
      this.item.backgroundColor = state.kind === "crashed" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
      const connection = this.pool.connectionOf(folder);
      tip.appendMarkdown(`**opencode** server for *${folder.name}*: ${describeState(state)}\n\n`);
      if (state.kind === "running" && connection) tip.appendMarkdown(`Events: ${describeConnection(connection)}\n\n`);
      tip.appendMarkdown("[$(play) Start](command:opencode.server.start) · [$(debug-stop) Stop](command:opencode.server.stop) · [$(debug-restart) Restart](command:opencode.server.restart) · [$(output) Log](command:opencode.server.showLog)");
    }
    this.item.command = "opencode.server.showActions";
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `${label}: ${this.item.text.replace(/\$\([^)]*\)\s*/g, "")}` };
    this.item.show();
  }

  #showPending(): void {
    const n = this.#pending;
    this.item.text = `$(bell-dot) opencode: ${n === 1 ? "needs approval" : `${n} need approval`}`;
    this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.warningBackground");
    this.item.command = "opencode.showPendingAsks";
    this.item.tooltip = `opencode is waiting for your decision on ${n === 1 ? "an ask" : `${n} asks`}. Click to review.`;
    this.item.accessibilityInformation = { label: `opencode: ${n} ${n === 1 ? "ask needs" : "asks need"} approval` };
    this.item.show();
  }
}
