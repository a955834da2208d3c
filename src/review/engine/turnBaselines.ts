import * as path from "node:path";
import { Emitter, type Event } from "../../common/emitter";
import { Disposable } from "../../common/lifecycle";
import { baselineFromSnapshot } from "./patchBaseline";
import type { KnownEvent } from "../../protocol/events";
import type { Action } from "../../protocol/reducer";
import type { FileDiff } from "../../protocol/session";
import { findSession, type FolderState } from "../../protocol/state";
import { baselineFromTools, type FileOp, type Read } from "./toolBaselines";
import { isInside } from "../../common/paths";
import { runsRoot } from "../../runs/engine/runFolder";
import { errorText } from "../../common/errorText";

/** A file a turn changed: its text before the turn and right after it (undefined: no such file then). */
type TurnFile = { path: string; baseline: string | undefined; after: string | undefined };

/**
 * What a finished turn changed. `source` says where the baselines come from: opencode's snapshot
 * (a git repository; every change, bash's included) or the tool calls the extension watched (no
 * snapshots outside git: only write and edit calls are known).
 */
export type FinishedTurn = { sessionID: string; messageID: string; files: TurnFile[]; source: "snapshot" | "tools" };

/** What the tracker needs of a FolderSession. */
type TurnSource = {
  readonly state: FolderState;
  readonly directory: string;
  readonly onDidChange: Event<Action>;
  readonly client: { diff(sessionID: string, messageID?: string): Promise<FileDiff[]> };
};

type Turn = {
  sessionID: string;
  messageID: string;
  /** Tool calls that write files, by call id, in the order they started (sub-agents' included). */
  ops: Map<string, FileOp>;
  /** Files of the turn's `patch` parts (absolute): set only where opencode takes snapshots. */
  patchFiles: Set<string>;
  /** The repository root the snapshot's paths are relative to (the assistant message's path.root). */
  root?: string;
  state: "running" | "finishing" | "waiting" | "done";
  /** Reads of the diff after a summary already said it was stored (bounded: no loop on a server that disagrees). */
  retries?: number;
};

/** The tools whose calls are tracked outside git: their input names the file (`filePath`). */
const fileTools = new Set(["write", "edit"]);

/**
 * Per folder: the files each turn of a top-level session changed and their text before it, emitted
 * once the turn is over. The baseline comes from GET /session/{id}/diff?messageID= (whole-file
 * snapshot patches, ready at session.idle or at the user message's summary update), cross-checked
 * with the turn's patch parts and tool calls; outside git from those tool calls, with the disk read
 * when a call starts (before its write: when an ask holds it, certainly; under an allow rule, if the
 * read wins the race, which an edit does not need: its diff is applied backwards).
 */
export class TurnBaselines extends Disposable {
  /** The latest turn of each top-level session. */
  readonly #turns = new Map<string, Turn>();
  /** Earlier turns whose snapshot diff is not stored yet, by user message id. */
  readonly #waiting = new Map<string, Turn>();
  readonly #finished = this.register(new Emitter<FinishedTurn>());
  readonly onDidFinishTurn = this.#finished.event;

  constructor(private readonly source: TurnSource, private readonly read: Read, private readonly log: (m: string) => void) {
    super();
    this.register(source.onDidChange(a => { if (a.kind === "event") this.#onEvent(a.event); }));
  }

  #onEvent(e: KnownEvent): void {
    switch (e.type) {
      case "message.updated": {
        const info = e.properties.info;
        const root = this.#root(info.sessionID);
        if (info.role === "assistant") { const t = this.#turns.get(root); if (t && info.path?.root) t.root = info.path.root; return; }
        // A sub-agent's prompt comes from the task tool: its changes belong to the parent's turn.
        if (root !== info.sessionID) return;
        const t = this.#turns.get(root);
        const waiting = t?.messageID === info.id ? t : this.#waiting.get(info.id);
        if (waiting) { if (waiting.state === "waiting" && (info.summary?.files ?? 0) > 0) void this.#finish(waiting, false); return; }
        // Ids ascend: an older user message updated late (its summary) starts nothing.
        if (!t || info.id > t.messageID) this.#start(root, info.id);
        return;
      }
      case "message.part.updated": {
        const part = e.properties.part;
        const t = this.#turns.get(this.#root(part.sessionID));
        if (!t || t.state === "done") return;
        if (part.type === "patch") part.files.forEach(f => t.patchFiles.add(f));
        if (part.type === "tool" && fileTools.has(part.tool)) this.#toolCall(t, part.callID, part.tool, part.state);
        return;
      }
      case "permission.asked": {
        // The tool waits for the answer: the file on disk is still the one before the call.
        const p = e.properties, file = p.metadata.filepath;
        const t = this.#turns.get(this.#root(p.sessionID));
        if (t && p.permission === "edit" && p.tool && typeof file === "string") this.#op(t, p.tool.callID, file);
        return;
      }
      case "session.idle": return this.#idle(e.properties.sessionID);
      case "session.status": if (e.properties.status.type === "idle") this.#idle(e.properties.sessionID); return;
      default: return;
    }
  }

  #start(sessionID: string, messageID: string): void {
    const previous = this.#turns.get(sessionID);
    // A turn still waiting for its diff keeps waiting for its summary (the oldest gives up: bounded).
    if (previous && (previous.state === "waiting" || previous.state === "finishing")) this.#waiting.set(previous.messageID, previous);
    if (this.#waiting.size > 10) { const [oldest] = this.#waiting.values(); this.#waiting.delete(oldest.messageID); void this.#finish(oldest, true); }
    this.#turns.set(sessionID, { sessionID, messageID, ops: new Map(), patchFiles: new Set(), state: "running" });
  }

  #toolCall(t: Turn, callID: string, tool: string, state: { status: string; input?: Record<string, unknown>; metadata?: Record<string, unknown> }): void {
    const file = state.input?.filePath;
    if (typeof file !== "string" || state.status === "pending") return;
    const op = this.#op(t, callID, file);
    op.tool = tool;
    if (state.status === "error") op.failed = true;
    if (state.status !== "completed") return;
    const meta = state.metadata ?? {};
    if (tool === "write") { op.exists = meta.exists === true; op.content = typeof state.input?.content === "string" ? state.input.content : undefined; }
    const filediff = meta.filediff as { patch?: unknown } | undefined;
    const patch = filediff?.patch ?? meta.diff;
    if (tool === "edit" && typeof patch === "string") op.patch = patch;
  }

  /** The call's record; its first sight reads the file, which the call has not written yet if it waits (or loses the race). */
  #op(t: Turn, callID: string, file: string): FileOp {
    const existing = t.ops.get(callID);
    if (existing) return existing;
    const abs = path.resolve(this.source.directory, file);
    const op: FileOp = { file: abs, tool: "", before: this.read(abs) };
    t.ops.set(callID, op);
    return op;
  }

  #idle(sessionID: string): void {
    const t = this.#turns.get(sessionID);
    if (t?.state === "running") void this.#finish(t, false);
  }

  /** `last`: no later signal will come, so a snapshot diff still empty falls back to the tool calls. */
  async #finish(t: Turn, last: boolean): Promise<void> {
    if (t.state === "finishing" || t.state === "done") return;
    // A turn that called no file tool and got no patch part changed nothing anyone can know of.
    if (!t.patchFiles.size && !t.ops.size) return this.#emit(t, "tools", []);
    t.state = "finishing";
    let diffs: FileDiff[] = [];
    try {
      diffs = await this.source.client.diff(t.sessionID, t.messageID);
    } catch (err) {
      this.log(`reading the changes of turn ${t.messageID} failed: ${errorText(err)}`);
    }
    if (this.isDisposed) return;
    if (diffs.length) return this.#emit(t, "snapshot", this.#fromSnapshot(t, diffs));
    // In a repository the snapshot diff may be stored after idle: the user message's summary says when.
    if (t.patchFiles.size && !last) {
      t.state = "waiting";
      // The summary may have come while the request was out: then its diff is there to read now.
      if (this.#summaryFiles(t) > 0 && (t.retries = (t.retries ?? 0) + 1) <= 3) void this.#finish(t, false);
      return;
    }
    this.#emit(t, "tools", t.ops.size ? this.#fromTools(t) : []);
  }

  #emit(t: Turn, source: FinishedTurn["source"], files: TurnFile[]): void {
    t.state = "done";
    this.#waiting.delete(t.messageID);
    // Run folders hold a run's log, deliverables and result: its reports, not changes to the project.
    const runs = runsRoot(this.source.directory);
    const changed = files.filter(f => f.baseline !== f.after && !isInside(runs, f.path));
    if (changed.length) this.#finished.fire({ sessionID: t.sessionID, messageID: t.messageID, files: changed, source });
  }

  #fromSnapshot(t: Turn, diffs: FileDiff[]): TurnFile[] {
    const root = t.root ?? this.source.directory;
    const files: TurnFile[] = [];
    for (const d of diffs) {
      const abs = path.resolve(root, d.file);
      const after = this.read(abs);
      const baseline = d.status === "added" ? undefined : d.patch !== undefined ? baselineFromSnapshot(d.patch, after) : undefined;
      if (baseline === undefined && d.status !== "added") { this.log(`no baseline for ${d.file} in turn ${t.messageID}: its patch does not apply to the file`); continue; }
      files.push({ path: abs, baseline, after });
    }
    // The patch parts and the tool calls name the files a snapshot should have: say when they differ.
    const named = new Set([...t.patchFiles, ...[...t.ops.values()].filter(o => !o.failed).map(o => o.file)]);
    const missing = [...named].filter(f => !files.some(x => x.path === f));
    if (missing.length) this.log(`turn ${t.messageID}: the snapshot diff lacks ${missing.join(", ")} (named by its patch parts or tool calls)`);
    return files;
  }

  #fromTools(t: Turn): TurnFile[] {
    const byFile = new Map<string, FileOp[]>();
    for (const op of t.ops.values()) if (!op.failed && op.tool) byFile.set(op.file, [...(byFile.get(op.file) ?? []), op]);
    const files: TurnFile[] = [];
    for (const [file, ops] of byFile) {
      const after = this.read(file);
      const r = baselineFromTools(after, ops);
      if (r.ok) files.push({ path: file, baseline: r.baseline, after });
      else this.log(`no baseline for ${file} in turn ${t.messageID}: ${r.why}`);
    }
    return files;
  }

  #summaryFiles(t: Turn): number {
    const m = findSession(this.source.state, t.sessionID)?.messages.find(x => x.info.id === t.messageID)?.info;
    return m?.role === "user" ? m.summary?.files ?? 0 : 0;
  }

  /** The top-level session of `id` (sub-agents' sessions have a parentID). */
  #root(id: string): string {
    let at = id;
    for (let depth = 0; depth < 20; depth++) {
      const parent = findSession(this.source.state, at)?.info?.parentID;
      if (!parent) return at;
      at = parent;
    }
    return at;
  }
}
