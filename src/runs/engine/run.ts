import * as fs from "node:fs/promises";
import * as path from "node:path";
import { Emitter } from "../../common/emitter";
import { isRunOnlyAsk } from "./runAskPolicy";
import { runShell, type RunShell } from "./runShell";
import { isInside } from "../../common/paths";
import { parseRunLine } from "./runLines";
import { runResult, type RunResult } from "./runResult";
import { actionForSession } from "../../protocol/sessionOf";
import { findSession, type SessionState } from "../../protocol/state";
import type { Action } from "../../protocol/reducer";
import type { Ask } from "../../conversation/asks";
import type { FolderSession } from "../../conversation/folderSession";
import { LogTail } from "./logTail";
import { prepareRunFolder, prepareRunsRoot, resolveDeliverable, type DeliverableKind, type RunPaths } from "./runFolder";
import { runInstructions } from "./runInstructions";
import { resultMarkdown } from "./runReport";
import type { RunReport, RunState } from "./runState";

export type { RunReport, RunState } from "./runState";
import { errorText } from "../../common/errorText";
import type { ModelRef } from "../../protocol/modelRef";

type RunStart = {
  /** The workspace folder (opencode's directory). */
  folder: string;
  session: FolderSession;
  prompt: string;
  title: string;
  agent?: string;
  model?: ModelRef;
  /** What opencode resolves permission patterns against: the git root, or "/" outside git. */
  patternRoot: string;
  /** The folder's server: attached (`opencode.serverUrl`), or spawned with this SHELL (runShell.ts). */
  server: { attached: true } | { attached: false; envShell: string | undefined };
  log: { info(m: string): void; warn(m: string): void };
};

/** After DONE or ERROR, how long the agent may go on talking before the run stops its session. */
const wrapUpMs = 15_000;
const maxNotes = 50;

/**
 * One prompt run to completion in its own session: progress from the session's events and from
 * the run log's protocol lines, the log writes' permission asks answered here, and an aggregated
 * result at the end. Knows nothing of VS Code: the UI listens to its events.
 */
export class Run {
  readonly report: RunReport;
  #result: RunResult | undefined;
  #endedBy: { state: "succeeded" | "failed"; summary?: string } | undefined;
  #sawBusy = false;
  #cancelled = false;
  #wrapUp: ReturnType<typeof setTimeout> | undefined;
  #lines = Promise.resolve();
  readonly #disposers: { dispose(): void }[] = [];
  readonly #tail: LogTail;
  readonly #changed = new Emitter<void>();
  readonly #deliverable = new Emitter<{ path: string; kind: DeliverableKind }>();
  readonly #attention = new Emitter<string>();
  readonly #browser = new Emitter<string>();
  readonly #finished: Promise<RunReport>;
  #resolveFinished!: (r: RunReport) => void;
  readonly onDidChange = this.#changed.event;
  readonly onDeliverable = this.#deliverable.event;
  readonly onAttention = this.#attention.event;
  readonly onBrowser = this.#browser.event;

  /** Creates the session and the run folder, then sends the prompt with the protocol. */
  static async start(o: RunStart): Promise<Run> {
    await prepareRunsRoot(o.folder);
    const created = await o.session.client.createSession({ title: o.title });
    const paths = await prepareRunFolder(o.folder, created.id);
    if (paths.warning) o.log.warn(`run ${created.id}: ${paths.warning}`);
    const shell = o.server.attached ? runShell({ attached: true }) : runShell({ config: await readConfig(o.session), envShell: o.server.envShell });
    o.log.info(`run ${created.id}: ${shell.posix ? `its bash asks run in ${shell.name}` : shell.why}`);
    const run = new Run(o, created.id, paths, shell);
    try {
      await o.session.client.prompt(created.id, [
        { type: "text", text: o.prompt },
        { type: "text", text: runInstructions(paths), synthetic: true },
      ], { agent: o.agent, model: o.model });
    } catch (err) {
      run.#end("failed", `the prompt could not be sent: ${errorText(err)}`);
    }
    return run;
  }

  private constructor(private readonly o: RunStart, readonly sessionID: string, readonly paths: RunPaths, private readonly shell: RunShell) {
    this.report = { state: "running", steps: 0, startedAt: Date.now(), deliverables: [], notes: [], ignoredLines: 0, autoAnswered: 0 };
    this.#finished = new Promise(ok => (this.#resolveFinished = ok));
    this.#tail = new LogTail(paths.logFile, lines => this.#onLines(lines));
    this.#disposers.push(
      o.session.asks.addGate(ask => this.#gate(ask)),
      o.session.view(sessionID),
      o.session.onDidChange(action => this.#onAction(action)),
    );
    this.#tail.start();
  }

  get finished(): Promise<RunReport> { return this.#finished; }
  get result(): RunResult | undefined { return this.#result; }
  get session(): SessionState | undefined { return findSession(this.o.session.state, this.sessionID); }

  /** Stops the session (rejecting its pending asks first); the run ends as cancelled. */
  async cancel(): Promise<void> {
    if (this.report.state !== "running") return;
    this.#cancelled = true;
    try {
      await this.o.session.client.stop(this.sessionID);
    } catch (err) {
      this.o.log.warn(`run ${this.sessionID}: stopping failed: ${err}`);
      this.#end("cancelled");
    }
  }

  /** The server went away: nothing more will come. */
  interrupt(why: string): void {
    if (this.report.state === "running") this.#end("interrupted", why);
  }

  #onAction(action: Action): void {
    if (this.report.state !== "running" || !actionForSession(action, this.sessionID)) return;
    // A text delta changes no tool, step or status: skip the walk over the session's parts (hot path).
    if (action.kind === "event" && action.event.type === "message.part.delta") return;
    const s = this.session;
    if (!s) return;
    if (s.status.type !== "idle") this.#sawBusy = true;
    const parts = s.messages.flatMap(m => m.parts);
    this.report.steps = parts.filter(p => p.type === "step-finish").length;
    const running = parts.findLast(p => p.type === "tool" && (p.state.status === "running" || p.state.status === "pending"));
    this.report.tool = running?.type === "tool" ? (running.state.status === "running" && running.state.title) || running.tool : undefined;
    this.#changed.fire();
    if (s.status.type === "idle" && (this.#sawBusy || this.#answered(s))) void this.#finish();
  }

  /** An assistant reply already ended: a run whose busy phase we missed (a reconnect) still ends. */
  #answered(s: SessionState): boolean {
    const last = s.messages.at(-1)?.info;
    return last?.role === "assistant" && (last.time.completed !== undefined || last.error !== undefined);
  }

  #gate(a: Ask): boolean {
    if (a.kind !== "permission" || this.report.state !== "running") return false;
    const ask = a.ask;
    if (ask.sessionID !== this.sessionID && findSession(this.o.session.state, ask.sessionID)?.info?.parentID !== this.sessionID) return false;
    const verdict = isRunOnlyAsk(ask, { runDir: this.paths.runDir, patternRoot: this.o.patternRoot, shell: this.shell });
    if (!verdict.ok) {
      this.o.log.info(`run ${this.sessionID}: ${ask.permission} ask ${ask.id} goes to the user (${verdict.why})`);
      return false;
    }
    queueMicrotask(() => void this.o.session.client.replyPermission(ask.id, "once").then(outcome => {
      this.report.autoAnswered++;
      this.o.log.info(`run ${this.sessionID}: answered ${ask.permission} ask ${ask.id} "once" by itself, its only target is the run folder (${JSON.stringify(ask.metadata?.command ?? ask.patterns)}) → ${outcome}`);
    }, err => {
      this.o.log.warn(`run ${this.sessionID}: answering ask ${ask.id} failed (${err}); the user is asked instead`);
      this.o.session.asks.release(ask.id);
    }));
    return true;
  }

  #onLines(lines: string[]): void {
    // One at a time, in order: a DELIVERABLE's check reads the disk, and DONE must come after it.
    this.#lines = this.#lines.then(async () => {
      for (const line of lines) await this.#onLine(line);
    }).catch(err => this.o.log.warn(`run ${this.sessionID}: a protocol line failed: ${err}`));
  }

  async #onLine(raw: string): Promise<void> {
    if (this.#endedBy || this.report.state !== "running") return; // DONE and ERROR end the protocol
    const line = parseRunLine(raw);
    switch (line.kind) {
      case "status":
        this.report.message = line.message || this.report.message;
        if (line.percent !== undefined) this.report.percent = line.percent;
        break;
      case "deliverable": {
        const d = await resolveDeliverable(this.paths, line.path);
        if (!d.ok) {
          this.#note(`Deliverable refused: ${d.reason}`);
          break;
        }
        if (this.report.deliverables.includes(d.path)) break;
        this.report.deliverables.push(d.path);
        this.#deliverable.fire({ path: d.path, kind: d.kind });
        break;
      }
      case "done":
      case "error":
        this.#endedBy = line.kind === "done" ? { state: "succeeded", summary: line.summary } : { state: "failed", summary: line.message ?? "the agent reported an error" };
        this.#wrapUp = setTimeout(() => void this.#stopTalking(), wrapUpMs);
        break;
      case "attention": this.#attention.fire(line.reason); break;
      case "browser": this.#browser.fire(line.url); break;
      case "ignored": this.report.ignoredLines++; break;
    }
    this.#changed.fire();
  }

  /** The agent said DONE or ERROR but kept going: the run is over, so is its session's turn. */
  async #stopTalking(): Promise<void> {
    if (this.report.state !== "running") return;
    this.o.log.info(`run ${this.sessionID}: still busy ${wrapUpMs / 1000} s after ${this.#endedBy?.state === "failed" ? "ERROR" : "DONE"}; stopping its session`);
    await this.o.session.client.stop(this.sessionID).catch(err => this.o.log.warn(`run ${this.sessionID}: stopping failed: ${err}`));
  }

  #note(text: string): void {
    this.o.log.warn(`run ${this.sessionID}: ${text}`);
    this.report.notes.push(text);
    if (this.report.notes.length > maxNotes) this.report.notes.shift();
  }

  async #finish(): Promise<void> {
    const s = this.session;
    if (this.#result || !s) return;
    this.#result = this.#resultOf(s);
    // The last lines may land just before idle: read them all, a last one without its line break
    // included (the agent is done writing), before deciding the outcome.
    await this.#tail.finish().catch(() => undefined);
    this.#onLines([]);
    await this.#lines;
    const error = this.#result.error;
    if (this.#cancelled) this.#end("cancelled");
    else if (this.#endedBy) this.#end(this.#endedBy.state, this.#endedBy.summary);
    else if (error && error.name !== "MessageAbortedError") this.#end("failed", error.message ?? error.name);
    else if (error) this.#end("cancelled");
    else this.#end("ended without DONE", firstLine(this.#result.text));
  }

  #end(state: Exclude<RunState, "running">, summary?: string): void {
    if (this.report.state !== "running") return;
    Object.assign(this.report, { state, summary, endedAt: Date.now(), tool: undefined });
    if (state === "succeeded") this.report.percent = 100;
    clearTimeout(this.#wrapUp);
    this.#tail.dispose();
    for (const d of this.#disposers.splice(0)) d.dispose();
    this.#result ??= this.session ? this.#resultOf(this.session) : undefined;
    // Finished only once result.md is on disk, so "Open Result" never opens a missing file.
    void this.#writeResult().then(() => {
      this.#changed.fire();
      this.#resolveFinished(this.report);
    });
  }

  /** The run's own folder (deliverables, log) is not among the project files it changed. */
  #resultOf(s: SessionState): RunResult {
    const r = runResult(s, this.o.folder);
    return { ...r, filesChanged: r.filesChanged.filter(f => !isInside(this.paths.runDir, f)) };
  }

  /** result.md beside the log: what "Open Result" shows, and it outlives the window. */
  async #writeResult(): Promise<void> {
    const file = path.join(this.paths.runDir, "result.md");
    await fs.writeFile(file, resultMarkdown(this.sessionID, this.o.prompt, this.report, this.#result, this.o.folder, this.paths.runDir)).catch(err => this.o.log.warn(`run ${this.sessionID}: writing ${file} failed: ${err}`));
  }

  dispose(): void {
    this.interrupt("the window closed");
    this.#changed.dispose(); this.#deliverable.dispose(); this.#attention.dispose(); this.#browser.dispose();
  }
}

/** The server's resolved config (its `shell` key picks the shell), or undefined when it cannot be read. */
async function readConfig(session: FolderSession): Promise<Record<string, unknown> | undefined> {
  const config: unknown = await session.client.config().catch(() => undefined);
  return typeof config === "object" && config !== null && !Array.isArray(config) ? config as Record<string, unknown> : undefined;
}

function firstLine(text: string): string | undefined {
  const line = text.split("\n").map(l => l.trim()).find(Boolean);
  return line && line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
