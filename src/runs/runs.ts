import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import type { Lazy } from "../common/lazy";
import type { Log } from "../host/log";
import type { ServerPool } from "../workspace/serverPool";
import type { ChatHub } from "../chat/chatHub";
import type { EditReview } from "../review/editReview";
import type { FrontFolder } from "../workspace/frontFolder";
import { saveBeforePrompt } from "../approvals/saveBeforePrompt";
import { RunManager, type RunEntry, type RunOptions } from "./runManager";
import { RunsTree, type RunsNode } from "./runsTree";
import { followRun, type RunActions } from "./runUi";
import { askRunInput } from "./runInput";
import { closeTabsUnder, openDeliverable, openMarkdown } from "./deliverableTabs";
import type { DiffDocuments } from "../host/diffDocuments";
import type { ReportError } from "../host/errors";
import type { FolderMemory } from "../host/folderMemory";
import { resolveDeliverable, runPaths } from "./engine/runFolder";
import { runBaseline, type RunBaseline } from "./engine/runBaseline";
import { contextPrompt, type ContextCommand } from "./contextPrompts";
import { errorText } from "../common/errorText";

type RunsDeps = { pool: ServerPool; front: FrontFolder; docs: DiffDocuments; reportError: ReportError; log: Log; workspaceState: vscode.Memento; memory: FolderMemory; chat: Lazy<ChatHub>; review: Lazy<EditReview> };

/** Command-palette runs: the commands, the Runs view, and what a finished run offers. */
export class Runs extends Disposable implements RunActions {
  readonly manager: RunManager;
  readonly tree: RunsTree;

  constructor(private readonly deps: RunsDeps) {
    super();
    this.manager = this.register(new RunManager(deps));
    this.tree = this.register(new RunsTree(this.manager));
    this.register(this.manager.onDidStart(entry => followRun(entry, this, deps.log)));
  }

  /** "opencode: Run Task…"; `prompt` skips the input (another extension, a keybinding's args). */
  async runTask(prompt?: string): Promise<RunEntry | undefined> {
    const folder = await this.deps.front.pick("opencode: run the task in which folder?");
    if (!folder) return undefined;
    let input: { prompt: string } & RunOptions | undefined = prompt ? { prompt } : undefined;
    input ??= await askRunInput({
      folder, state: this.deps.workspaceState,
      session: async () => { await this.deps.pool.start(folder); return this.deps.pool.session(folder); },
      defaults: { agent: this.deps.memory.agent(folder), model: this.deps.memory.model(folder) }, reportError: this.deps.reportError,
    });
    return input && this.#start(folder, input.prompt, input);
  }

  /** The editor and explorer context commands: a run with the command's prompt template. */
  async runContext(command: ContextCommand, uri?: vscode.Uri): Promise<RunEntry | undefined> {
    const made = await contextPrompt(command, uri);
    if (!made) return undefined;
    return this.#start(made.folder, made.prompt, { title: made.title });
  }

  async #start(folder: vscode.WorkspaceFolder, prompt: string, o: RunOptions): Promise<RunEntry | undefined> {
    try {
      if (!(await saveBeforePrompt(folder))) return undefined;
      return await this.manager.start(folder, prompt, o);
    } catch (err) {
      let retried: Promise<RunEntry | undefined> | undefined;
      await this.deps.reportError(err, `starting a run in ${folder.name}`, { doing: "starting the run", actions: [{ label: "Retry", run: () => (retried = this.#start(folder, prompt, o)) }] });
      return retried;
    }
  }

  openResult(entry: RunEntry): unknown {
    const file = vscode.Uri.file(path.join(entry.record.runDir, "result.md"));
    if (!fs.existsSync(file.fsPath)) return this.openInChat(entry);
    return openMarkdown(file);
  }

  openInChat(entry: RunEntry): unknown {
    if (!entry.folder) return vscode.window.showWarningMessage("opencode: the run's folder is no longer in the workspace.");
    this.deps.chat().showSession(entry.folder, entry.record.sessionID);
    return undefined;
  }

  async reviewChanges(entry: RunEntry): Promise<unknown> {
    const folder = entry.folder;
    const files = () => (folder ? this.deps.review().files({ folder, sessionID: entry.record.sessionID }) : []);
    // In a repository opencode may store the turn's snapshot a moment after the run ended.
    if (!files().length && entry.record.result?.filesChanged.length) await this.#reviewSettles(files, 5_000);
    if (files().length) return this.deps.review().review(files(), `opencode: changes of “${entry.record.title}”`);
    return vscode.window.showInformationMessage("opencode: the run's changes were all kept or undone already; the chat shows its edits.", "Open in Chat")
      .then(c => c && this.openInChat(entry));
  }

  #reviewSettles(files: () => unknown[], ms: number): Promise<void> {
    return new Promise(resolve => {
      const done = () => { clearTimeout(timer); sub.dispose(); resolve(); };
      const sub = this.deps.review().onDidChange(() => files().length && done());
      const timer = setTimeout(done, ms);
    });
  }

  /** The run's own log when it wrote one, else the extension's log (server output, what failed). */
  openLog(entry: RunEntry): unknown {
    const log = path.join(entry.record.runDir, "run.log");
    if (fs.existsSync(log) && fs.statSync(log).size > 0) return vscode.window.showTextDocument(vscode.Uri.file(log), { preview: false });
    this.deps.log.show();
    return undefined;
  }

  retry(entry: RunEntry): unknown {
    return entry.folder ? this.#start(entry.folder, entry.record.prompt, { title: entry.record.title }) : undefined;
  }

  async cancel(entry: RunEntry): Promise<void> { await this.manager.cancel(entry); }

  async delete(entry: RunEntry): Promise<void> {
    const running = entry.record.report.state === "running";
    const choice = await vscode.window.showWarningMessage(
      `Delete the run “${entry.record.title}”?`,
      { modal: true, detail: `${running ? "It is still running and will be stopped. " : ""}Its session and its folder (${vscode.workspace.asRelativePath(entry.record.runDir)}) with the deliverables are deleted. Changes it made to project files stay.` },
      "Delete");
    if (choice !== "Delete") return;
    await this.manager.delete(entry);
    this.deps.review().forget(entry.record.sessionID);
    await closeTabsUnder(entry.record.runDir);
  }

  /** Checked again as when announced: the file may have changed (or become a symlink) since. */
  async openDeliverable(node: RunsNode): Promise<void> {
    if (node.kind !== "deliverable" || !node.entry.folder) return;
    const d = await resolveDeliverable(runPaths(node.entry.folder.uri.fsPath, node.entry.record.sessionID), node.file);
    if (d.ok) await openDeliverable(d);
    else void vscode.window.showWarningMessage(`opencode: ${d.reason}`);
  }

  /**
   * A changed file: its review diff (Keep/Undo) while the change is under review, else its diff
   * against the text before the run, else (that text unknown) the file itself.
   */
  async openChange(node: RunsNode): Promise<unknown> {
    if (node.kind !== "changed") return undefined;
    const uri = vscode.Uri.file(node.file);
    const review = this.deps.review();
    const file = review.file(uri);
    if (file?.sessionID === node.entry.record.sessionID) return review.review([file], `${path.basename(node.file)} (opencode run)`);
    // Kept or undone since (or changed by a later session): the diff against the text before the run,
    // remembered from the run, else (after a reload) read back from opencode's snapshot of it.
    let before: { known: boolean; baseline?: string; why?: string } = review.before(node.entry.record.sessionID, node.file);
    if (!before.known && node.entry.folder) before = await this.#baselineFromServer(node.entry.folder, node.entry.record.sessionID, node.file);
    if (!before.known) {
      vscode.window.setStatusBarMessage(`opencode: no diff for ${path.basename(node.file)}: ${before.why ?? "its text before the run is not known"}`, 8_000);
      return vscode.commands.executeCommand("vscode.open", uri);
    }
    const left = this.deps.docs.add(path.basename(node.file), "before-run", before.baseline ?? "");
    return vscode.commands.executeCommand("vscode.diff", left, uri, `${path.basename(node.file)}: before “${node.entry.record.title}” ↔ now`);
  }

  async #baselineFromServer(folder: vscode.WorkspaceFolder, sessionID: string, file: string): Promise<RunBaseline> {
    try {
      await this.deps.pool.start(folder);
      const session = this.deps.pool.session(folder);
      return await runBaseline(session.client, sessionID, file, session.directory);
    } catch (err) {
      this.deps.log.warn(`reading the snapshot of run ${sessionID} failed: ${errorText(err)}`);
      return { known: false, why: "opencode could not be asked for the run's snapshot (see the log)" };
    }
  }
}
