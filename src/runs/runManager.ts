import * as fs from "node:fs/promises";
import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { realPathInside } from "../common/paths";
import { Emitter } from "../common/emitter";
import type { Log } from "../host/log";
import type { ServerPool } from "../workspace/serverPool";
import { Run, type RunReport } from "./engine/run";
import { findGitRoot } from "./engine/gitExclude";
import { totalsOf, type RunTotals } from "./engine/runReport";
import type { FolderMemory } from "../host/folderMemory";
import { parseModelRef } from "../protocol/modelRef";

/** What the Runs view keeps of a run across reloads (the session itself lives on the server). */
type RunRecord = {
  sessionID: string;
  folder: string;
  prompt: string;
  title: string;
  runDir: string;
  report: RunReport;
  result?: RunTotals;
};

export type RunEntry = { record: RunRecord; folder: vscode.WorkspaceFolder | undefined; run?: Run };
export type RunOptions = { agent?: string; model?: string; title?: string };
type RunManagerDeps = { pool: ServerPool; log: Log; workspaceState: vscode.Memento; memory: FolderMemory };

const stateKey = "opencode.runs";
/** Finished runs remembered in the view; older ones drop off (their folders stay on disk). */
const keepFinished = 50;

/**
 * The window's runs: started here, followed until they end, remembered (as records) across
 * reloads. A run in progress holds its folder's server so an idle stop cannot cut it short.
 */
export class RunManager extends Disposable {
  readonly #entries: RunEntry[] = [];
  readonly #changed = this.register(new Emitter<RunEntry | undefined>());
  readonly #started = this.register(new Emitter<RunEntry>());
  /** A run changed (its entry), or the list did (undefined). */
  readonly onDidChange = this.#changed.event;
  readonly onDidStart = this.#started.event;

  constructor(private readonly deps: RunManagerDeps) {
    super();
    for (const record of deps.workspaceState.get<RunRecord[]>(stateKey, [])) {
      // A run that was going when the window closed lost its server with it.
      if (record.report.state === "running") Object.assign(record.report, { state: "interrupted", summary: "the window closed while it ran", endedAt: record.report.endedAt ?? Date.now() });
      this.#entries.push({ record, folder: vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(record.folder)) });
    }
    this.register(deps.pool.onDidChange(folder => this.#onServerChange(folder)));
  }

  get entries(): readonly RunEntry[] { return this.#entries; }
  find(sessionID: string): RunEntry | undefined { return this.#entries.find(e => e.record.sessionID === sessionID); }

  async start(folder: vscode.WorkspaceFolder, prompt: string, o: RunOptions = {}): Promise<RunEntry> {
    await this.deps.pool.start(folder);
    const scope = this.deps.pool.scope(folder);
    const session = scope.session();
    const hold = scope.hold();
    try {
      const title = o.title ?? titleOf(prompt);
      const model = o.model ?? this.deps.memory.model(folder);
      const run = await Run.start({
        folder: folder.uri.fsPath, session, prompt,
        title,
        agent: o.agent ?? this.deps.memory.agent(folder),
        model: parseModelRef(model),
        patternRoot: (await findGitRoot(folder.uri.fsPath)) ?? "/",
        server: scope.server.attached ? { attached: true } : { attached: false, envShell: scope.server.spawnShell },
        log: { info: m => this.deps.log.info(`[${folder.name}] ${m}`), warn: m => this.deps.log.warn(`[${folder.name}] ${m}`) },
      });
      const entry: RunEntry = { folder, run, record: { sessionID: run.sessionID, folder: folder.uri.toString(), prompt, title, runDir: run.paths.runDir, report: structuredClone(run.report) } };
      // The record is a copy taken on the run's change events, so it never shows the run over
      // without its totals (the live report turns a moment before result.md is written).
      const sync = () => {
        entry.record.report = structuredClone(run.report);
        if (run.report.state !== "running" && run.result) entry.record.result = totalsOf(run.result);
      };
      this.#entries.unshift(entry);
      // The run's subscriptions belong to its folder: removing the folder ends the run as interrupted.
      const changes = scope.registerUntil(run.onDidChange(() => { sync(); this.#changed.fire(entry); }));
      const folderEnd = scope.registerUntil(scope.onWillEnd(why => run.interrupt(why)));
      this.deps.log.info(`[${folder.name}] run ${run.sessionID} started: ${entry.record.title}`);
      void run.finished.then(() => {
        hold.dispose();
        sync();
        this.deps.log.info(`[${folder.name}] run ${run.sessionID} ${run.report.state}${run.report.summary ? `: ${run.report.summary}` : ""}`);
        void this.#save();
        this.#changed.fire(entry);
        changes.dispose();
        folderEnd.dispose();
      });
      void this.#save();
      this.#changed.fire(undefined);
      this.#started.fire(entry);
      return entry;
    } catch (err) {
      hold.dispose();
      throw err;
    }
  }

  async cancel(entry: RunEntry): Promise<void> { await entry.run?.cancel(); }

  /** Forgets the run, deletes its session on the server and its folder (deliverables included). */
  async delete(entry: RunEntry): Promise<void> {
    await entry.run?.cancel();
    const at = this.#entries.indexOf(entry);
    if (at >= 0) this.#entries.splice(at, 1);
    if (entry.folder && this.deps.pool.stateOf(entry.folder).kind === "running") {
      await this.deps.pool.session(entry.folder).client.deleteSession(entry.record.sessionID).catch(err => this.deps.log.warn(`deleting session ${entry.record.sessionID} failed: ${err}`));
    }
    // A symlink planted since the run (`.opencode/runs -> elsewhere`) must not turn this into a delete elsewhere.
    const place = await realPathInside(vscode.Uri.parse(entry.record.folder).fsPath, entry.record.runDir);
    if (place.ok) await fs.rm(place.real, { recursive: true, force: true }).catch(err => this.deps.log.warn(`deleting ${entry.record.runDir} failed: ${err}`));
    else this.deps.log.warn(`not deleting the run folder: ${place.why}`);
    entry.run?.dispose();
    await this.#save();
    this.#changed.fire(undefined);
  }

  #onServerChange(folder: vscode.WorkspaceFolder): void {
    const state = this.deps.pool.stateOf(folder);
    if (state.kind === "running" || state.kind === "starting") return;
    const why = state.kind === "crashed" ? `the server crashed: ${state.error}` : "the server stopped";
    for (const e of this.#entries) if (e.run && e.folder?.uri.toString() === folder.uri.toString()) e.run.interrupt(why);
  }

  async #save(): Promise<void> {
    const running = this.#entries.filter(e => e.record.report.state === "running");
    const finished = this.#entries.filter(e => e.record.report.state !== "running").slice(0, keepFinished);
    await this.deps.workspaceState.update(stateKey, [...running, ...finished].map(e => e.record));
  }

  override dispose(): void {
    for (const e of this.#entries) e.run?.dispose();
    super.dispose();
  }
}

/** A tab-friendly title from the prompt's first line. */
function titleOf(prompt: string): string {
  const line = prompt.split("\n").map(l => l.trim()).find(Boolean) ?? "Run";
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
