import * as vscode from "vscode";
import type { Lazy } from "../common/lazy";
import type { Runs } from "../runs/runs";
import type { RunsNode } from "../runs/runsTree";
import type { ContextCommand } from "../runs/contextPrompts";

/**
 * The Runs view's provider as registered at activation: a stand-in that loads the runs module (in
 * the heavy bundle) only when VS Code first asks for the view's items, and forwards its changes.
 */
export class RunsViewProxy implements vscode.TreeDataProvider<RunsNode> {
  readonly #changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #forward: vscode.Disposable | undefined;
  constructor(private readonly runs: Lazy<Runs>) {}

  /** Called when the runs module is created, whoever created it (a command or this view). */
  attach(runs: Runs): void {
    this.#forward ??= runs.tree.onDidChangeTreeData(n => this.#changed.fire(n));
    this.#changed.fire(undefined);
  }
  getChildren(node?: RunsNode): RunsNode[] { return this.runs().tree.getChildren(node); }
  getTreeItem(node: RunsNode): vscode.TreeItem { return this.runs().tree.getTreeItem(node); }
  dispose(): void { this.#forward?.dispose(); this.#changed.dispose(); }
}

export function registerRunCommands(runs: Lazy<Runs>): vscode.Disposable[] {
  /** View actions get the node; anything else (a stale keybinding, a URI) is ignored. */
  const onRun = (act: (r: Runs, node: RunsNode & { kind: "run" }) => unknown) => (node?: RunsNode) =>
    node?.kind === "run" ? act(runs(), node) : undefined;
  const context = (name: ContextCommand, uri: unknown) => runs().runContext(name, uri instanceof vscode.Uri ? uri : undefined);
  return [
    vscode.commands.registerCommand("opencode.runTask", (prompt?: unknown) => runs().runTask(typeof prompt === "string" && prompt.trim() ? prompt : undefined)),
    // From a context menu the target file's URI comes first; from the palette, nothing.
    vscode.commands.registerCommand("opencode.askAboutSelection", (uri?: unknown) => context("askAboutSelection", uri)),
    vscode.commands.registerCommand("opencode.explainFile", (uri?: unknown) => context("explainFile", uri)),
    vscode.commands.registerCommand("opencode.fixProblems", (uri?: unknown) => context("fixProblems", uri)),
    vscode.commands.registerCommand("opencode.writeTests", (uri?: unknown) => context("writeTests", uri)),
    vscode.commands.registerCommand("opencode.runs.cancel", onRun((r, n) => r.cancel(n.entry))),
    vscode.commands.registerCommand("opencode.runs.delete", onRun((r, n) => r.delete(n.entry))),
    vscode.commands.registerCommand("opencode.runs.openResult", onRun((r, n) => r.openResult(n.entry))),
    vscode.commands.registerCommand("opencode.runs.openInChat", onRun((r, n) => r.openInChat(n.entry))),
    vscode.commands.registerCommand("opencode.runs.reviewChanges", onRun((r, n) => r.reviewChanges(n.entry))),
    vscode.commands.registerCommand("opencode.runs.openLog", onRun((r, n) => r.openLog(n.entry))),
    vscode.commands.registerCommand("opencode.runs.retry", onRun((r, n) => r.retry(n.entry))),
    vscode.commands.registerCommand("opencode.runs.openDeliverable", (node?: RunsNode) => node && runs().openDeliverable(node)),
    vscode.commands.registerCommand("opencode.runs.openChange", (node?: RunsNode) => node && runs().openChange(node)),
  ];
}
