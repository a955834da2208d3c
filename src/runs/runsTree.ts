import * as path from "node:path";
import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { duration, runFacts } from "./engine/runReport";
import type { RunEntry, RunManager } from "./runManager";
import { compactCount, formatCost } from "../shared/numbers";

export type RunsNode =
  | { kind: "run"; entry: RunEntry }
  | { kind: "deliverable"; entry: RunEntry; file: string }
  | { kind: "changed"; entry: RunEntry; file: string }
  | { kind: "note"; entry: RunEntry; text: string };

const icons: Record<RunEntry["record"]["report"]["state"], vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon("sync~spin"),
  succeeded: new vscode.ThemeIcon("pass", new vscode.ThemeColor("testing.iconPassed")),
  "ended without DONE": new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground")),
  failed: new vscode.ThemeIcon("error", new vscode.ThemeColor("testing.iconFailed")),
  cancelled: new vscode.ThemeIcon("circle-slash"),
  interrupted: new vscode.ThemeIcon("debug-disconnect"),
};

/** The "Runs" view: every run of this workspace, newest first, with its deliverables and changed files. */
export class RunsTree extends Disposable implements vscode.TreeDataProvider<RunsNode> {
  readonly #changed = this.register(new vscode.EventEmitter<RunsNode | undefined>());
  readonly onDidChangeTreeData = this.#changed.event;
  #pending: ReturnType<typeof setTimeout> | undefined;
  /** Nodes are rebuilt on each refresh; the run node of an entry is kept so reveal and refresh find it. */
  readonly #runNodes = new WeakMap<RunEntry, RunsNode>();

  constructor(private readonly runs: RunManager) {
    super();
    // A busy run changes many times a second: one repaint per half second is plenty.
    this.register(runs.onDidChange(() => { this.#pending ??= setTimeout(() => { this.#pending = undefined; this.#changed.fire(undefined); }, 500); }));
    this.register({ dispose: () => clearTimeout(this.#pending) });
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) return this.runs.entries.map(entry => this.#runNode(entry));
    if (node.kind !== "run") return [];
    const { entry } = node, { report, result } = entry.record;
    return [
      ...report.deliverables.map(file => ({ kind: "deliverable" as const, entry, file })),
      ...(result?.filesChanged ?? []).map(file => ({ kind: "changed" as const, entry, file })),
      ...report.notes.map(text => ({ kind: "note" as const, entry, text })),
    ];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    switch (node.kind) {
      case "run": return this.#runItem(node);
      case "deliverable": {
        const item = new vscode.TreeItem(path.basename(node.file));
        Object.assign(item, { description: "deliverable", resourceUri: vscode.Uri.file(node.file), iconPath: new vscode.ThemeIcon("package"), contextValue: "opencode.run.deliverable" });
        item.command = { command: "opencode.runs.openDeliverable", title: "Open", arguments: [node] };
        return item;
      }
      case "changed": {
        const item = new vscode.TreeItem(vscode.Uri.file(node.file));
        const folder = node.entry.folder?.uri.fsPath;
        Object.assign(item, { description: folder ? path.relative(folder, path.dirname(node.file)) || undefined : undefined, iconPath: vscode.ThemeIcon.File, contextValue: "opencode.run.changed" });
        item.command = { command: "opencode.runs.openChange", title: "Open Changes", arguments: [node] };
        return item;
      }
      case "note": {
        const item = new vscode.TreeItem(node.text);
        Object.assign(item, { iconPath: new vscode.ThemeIcon("warning"), tooltip: node.text });
        return item;
      }
    }
  }

  #runNode(entry: RunEntry): RunsNode {
    let node = this.#runNodes.get(entry);
    if (!node) this.#runNodes.set(entry, (node = { kind: "run", entry }));
    return node;
  }

  #runItem(node: RunsNode & { kind: "run" }): vscode.TreeItem {
    const { record, folder } = node.entry, { report, result } = record;
    const hasChildren = report.deliverables.length + (result?.filesChanged.length ?? 0) + report.notes.length > 0;
    const item = new vscode.TreeItem(record.title, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `run:${record.sessionID}`;
    item.iconPath = icons[report.state];
    const bits = [report.state === "running" ? `${report.percent !== undefined ? `${report.percent}% · ` : ""}${report.message ?? report.tool ?? "working"}` : report.state];
    bits.push(duration((report.endedAt ?? Date.now()) - report.startedAt));
    if (result) {
      const tokens = result.tokens.input + result.tokens.output + result.tokens.reasoning;
      bits.push(`${compactCount(tokens)} tokens`, formatCost(result.cost, tokens));
    }
    item.description = bits.join(" · ");
    const tip = new vscode.MarkdownString();
    tip.appendText(record.prompt.slice(0, 500));
    tip.appendMarkdown("\n\n---\n\n");
    if (report.summary) tip.appendText(`${report.summary}\n\n`);
    for (const [k, v] of runFacts(record.sessionID, report, result)) tip.appendMarkdown(`**${k}**: ${escapeMd(v)}  \n`);
    if ((vscode.workspace.workspaceFolders?.length ?? 0) > 1 && folder) tip.appendMarkdown(`**Folder**: ${escapeMd(folder.name)}`);
    item.tooltip = tip;
    item.contextValue = report.state === "running" ? "opencode.run.running" : "opencode.run.finished";
    item.command = { command: report.state === "running" ? "opencode.runs.openInChat" : "opencode.runs.openResult", title: "Open", arguments: [node] };
    return item;
  }
}

const escapeMd = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, m => `\\${m}`);
