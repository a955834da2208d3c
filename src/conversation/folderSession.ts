import { Emitter } from "../common/emitter";
import { decodeEvent } from "../protocol/events";
import { reduce, type Action } from "../protocol/reducer";
import { createFolderState, snapshot, type FolderState } from "../protocol/state";
import { PermissionRequest, QuestionRequest } from "../protocol/ask";
import { Session } from "../protocol/session";
import { MessageWithParts, ProviderList, SessionStatusMap, decodeList } from "../protocol/rest";
import { PendingAsks } from "./asks";
import { OpencodeClient, type PromptOptions } from "./client";
import { HeldPrompts, type HeldPrompt } from "./heldPrompts";
import type { PromptPartInput } from "../protocol/rest";
import { findSession } from "../protocol/state";
import { EventStream, type ConnectionState } from "./eventStream";
import type { Endpoint } from "../protocol/http";
import type { z } from "zod";
import { errorText } from "../common/errorText";

/** How far the server's message times may lag the moment a send began (same machine, so little). */
const clockSlackMs = 2_000;

export type FolderSessionLog = { debug(m: string): void; warn(m: string): void; info(m: string): void };

/**
 * Everything the extension knows about one folder's conversations: the live event stream, the
 * reduced model (sessions, messages, parts, todos, status, asks), the permission gate and the API
 * client. After every (re)connect it re-reads what the stream cannot replay: statuses, pending asks,
 * the session list and the messages of the sessions in view.
 */
export class FolderSession {
  readonly state: FolderState = createFolderState();
  readonly asks = new PendingAsks();
  readonly held = new HeldPrompts();
  readonly client: OpencodeClient;
  readonly stream: EventStream;
  readonly counts = { events: 0, unknown: 0, malformed: 0 };
  readonly #inView = new Set<string>();
  /** Context window sizes by "provider/model", read on each connect (config can change with a restart). */
  #contextLimits = new Map<string, number>();
  readonly #changed = new Emitter<Action>();
  /** Fires after each applied action (an event or a REST load), for views to re-render. */
  readonly onDidChange = this.#changed.event;

  /**
   * `endpoint`: one function for both, or `stream` (waits for a running server) and `calls` (the
   * same, and counts as use of the server, so API calls restart its idle countdown).
   */
  constructor(endpoint: (() => Promise<Endpoint>) | { stream: () => Promise<Endpoint>; calls: () => Promise<Endpoint> }, readonly directory: string, private readonly log: FolderSessionLog) {
    const { stream, calls } = typeof endpoint === "function" ? { stream: endpoint, calls: endpoint } : endpoint;
    this.client = new OpencodeClient(calls, directory, this.asks);
    this.stream = new EventStream({ endpoint: stream, directory, log: m => log.info(m), onData: d => this.#onData(d), onConnected: () => this.#sweep(true) });
  }

  get connection(): ConnectionState { return this.stream.state; }

  /** A JSON-safe copy for a webview that (re)connects. */
  snapshot(): FolderState { return snapshot(this.state); }

  /** The model's context window in tokens, when its provider says. */
  contextLimit(model: string): number | undefined { return this.#contextLimits.get(model); }

  /** Sessions whose messages are re-fetched after a reconnect (those open in a panel). */
  view(sessionID: string): { dispose(): void } {
    this.#inView.add(sessionID);
    void this.#loadMessages(sessionID).catch(err => this.log.warn(`loading messages of ${sessionID} failed: ${err}`));
    return { dispose: () => this.#inView.delete(sessionID) };
  }

  /**
   * Sends a prompt, or holds it while the session is busy (or others are already held), to go out
   * by itself after the turn. Returns "held" or "sent".
   */
  async send(sessionID: string, text: string, parts: PromptPartInput[], options: PromptOptions = {}, command?: HeldPrompt["command"]): Promise<"sent" | "held"> {
    const status = findSession(this.state, sessionID)?.status.type ?? "idle";
    if (status !== "idle" || this.held.list(sessionID).length) {
      this.held.hold(sessionID, { text, parts, options, command });
      return "held";
    }
    await this.#dispatch(sessionID, { text, parts, options, command });
    return "sent";
  }

  /** A command's request lasts its whole turn: it is not awaited, its failure is logged (the turn's errors arrive as events). */
  async #dispatch(sessionID: string, p: Omit<HeldPrompt, "id">): Promise<void> {
    if (!p.command) return this.client.prompt(sessionID, p.parts, p.options);
    const model = p.options.model ? `${p.options.model.providerID}/${p.options.model.modelID}` : undefined;
    void this.client.command(sessionID, p.command.name, p.command.args, { agent: p.options.agent, model, parts: p.parts })
      .catch(err => this.log.warn(`command /${p.command!.name} in ${sessionID} failed: ${err}`));
  }

  /** Picks up work done elsewhere (another window, the TUI): events are per server process. */
  refresh(): Promise<void> { return this.#sweep(false); }

  dispose(): void {
    this.stream.dispose();
    this.asks.dispose();
    this.held.dispose();
    this.#changed.dispose();
  }

  #apply(action: Action): void {
    reduce(this.state, action);
    this.#changed.fire(action);
  }

  #onData(data: string): void {
    const d = decodeEvent(data);
    if (d.kind === "unknown") { this.counts.unknown++; return this.log.debug(`ignored event type ${d.type}`); }
    if (d.kind === "malformed") { this.counts.malformed++; return this.log.warn(`malformed ${d.type} event (${this.counts.malformed} so far): ${d.why.slice(0, 300)}`); }
    this.counts.events++;
    const e = d.event;
    if (e.type === "permission.asked") this.asks.asked({ kind: "permission", ask: e.properties });
    if (e.type === "question.asked") this.asks.asked({ kind: "question", ask: e.properties });
    if (e.type === "permission.replied" || e.type === "question.replied" || e.type === "question.rejected") this.asks.settled(e.properties.requestID, "replied elsewhere");
    this.#apply({ kind: "event", event: e });
    if (e.type === "session.status" && e.properties.status.type !== "idle") this.held.busy(e.properties.sessionID);
    if (e.type === "session.idle" || (e.type === "session.status" && e.properties.status.type === "idle")) this.#sendHeld(e.properties.sessionID);
  }

  #sendHeld(sessionID: string): void {
    const next = this.held.next(sessionID);
    if (next) void this.#deliverHeld(sessionID, next);
  }

  async #deliverHeld(sessionID: string, next: HeldPrompt): Promise<void> {
    const startedAt = Date.now();
    try {
      if (next.failedSince !== undefined && await this.#arrived(sessionID, next)) {
        this.log.info(`a held prompt to ${sessionID} reached the server before its send failed: not sent again`);
        this.held.busy(sessionID);
        if (findSession(this.state, sessionID)?.status.type === "idle") this.#sendHeld(sessionID);
        return;
      }
      await this.#dispatch(sessionID, next);
    } catch (err) {
      // Not lost: held again, shown in the panel, sent after the next turn or removed by the user.
      this.log.warn(`sending a held prompt to ${sessionID} failed: ${err}`);
      this.held.busy(sessionID);
      this.held.hold(sessionID, { ...next, failedSince: next.failedSince ?? startedAt });
    }
  }

  /**
   * A send can fail after the server stored the prompt (killed before it answered): sent again, the
   * turn would run twice. It arrived if the session has a user message with the same text created
   * since the failed send began (the server's clock is this machine's: it runs on loopback).
   */
  async #arrived(sessionID: string, p: HeldPrompt): Promise<boolean> {
    if (p.command) return false;
    const textOf = (parts: readonly { type: string; text?: unknown }[]) => parts.filter(x => x.type === "text" && typeof x.text === "string").map(x => x.text).join("\n");
    const want = textOf(p.parts);
    const recent = await this.client.messages(sessionID, 20);
    return recent.some(m => m.info.role === "user" && Number((m.info.time as { created?: unknown } | undefined)?.created) >= p.failedSince! - clockSlackMs
      && textOf(m.parts as { type: string; text?: unknown }[]) === want);
  }

  /** `connected`: a new connection, perhaps to a restarted server, whose model catalogue may differ. */
  async #sweep(connected: boolean): Promise<void> {
    const [statuses, permissions, questions, sessions] = await Promise.all([
      this.client.status(), this.client.pendingPermissions(), this.client.pendingQuestions(), this.client.listSessions(),
      connected ? this.#loadContextLimits() : undefined,
    ]);
    this.#apply({ kind: "statuses", statuses: SessionStatusMap.parse(statuses) });
    // A turn that ended while the stream was down (or on a server since killed) sent no idle event
    // that reached us: without this its held prompts would wait for an idle that never comes.
    for (const s of Object.values(this.state.sessions)) if (s.status.type === "idle" && this.held.list(s.id).length) this.#sendHeld(s.id);
    this.#apply({ kind: "sessions", sessions: this.#list(Session, sessions, "sessions") });
    const perms = this.#list(PermissionRequest, permissions, "permissions");
    const ques = this.#list(QuestionRequest, questions, "questions");
    this.#apply({ kind: "pending", permissions: perms, questions: ques });
    this.asks.sweep([...perms.map(ask => ({ kind: "permission" as const, ask })), ...ques.map(ask => ({ kind: "question" as const, ask }))]);
    await Promise.all([...this.#inView].map(id => this.#loadMessages(id)));
  }

  /** Best effort: without limits the panel shows context tokens without a percentage. */
  async #loadContextLimits(): Promise<void> {
    try {
      const limits = new Map<string, number>();
      for (const p of ProviderList.parse(await this.client.providers()).providers) {
        for (const [id, m] of Object.entries(p.models)) if (m.limit?.context) limits.set(`${p.id}/${id}`, m.limit.context);
      }
      this.#contextLimits = limits;
    } catch (err) {
      this.log.warn(`reading the models' context limits failed: ${errorText(err)}`);
    }
  }

  async #loadMessages(sessionID: string): Promise<void> {
    this.#apply({ kind: "messages", sessionID, messages: this.#list(MessageWithParts, await this.client.messages(sessionID), "messages") });
  }

  #list<T>(schema: z.ZodType<T>, raw: unknown, what: string): T[] {
    const { items, dropped } = decodeList(schema, raw);
    if (dropped) this.log.warn(`dropped ${dropped} malformed ${what} from the server`);
    return items;
  }
}
