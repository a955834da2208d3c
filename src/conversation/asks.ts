import { Emitter } from "../common/emitter";
import type { PermissionRequest, QuestionRequest } from "../protocol/ask";

export type PermissionAsk = PermissionRequest;
export type QuestionAsk = QuestionRequest;
export type Ask = { kind: "permission"; ask: PermissionAsk } | { kind: "question"; ask: QuestionAsk };
type SettledReason = "answered" | "replied elsewhere" | "expired" | "gone" | "session stopped";

/**
 * One folder's pending permission asks and questions, with the rules that keep approvals from being
 * lost or doubled: an ask is presented once however often it is seen (live event, reconnect sweep),
 * answered at most once per id, never re-presented after its session was stopped here, and removed
 * when a sweep no longer lists it. Pure: the caller does the HTTP.
 */
export class PendingAsks {
  readonly #pending = new Map<string, Ask>();
  readonly #claimed = new Set<string>();
  readonly #stoppedSessions = new Set<string>();
  /** Asks a gate took: pending, but answered by their gate's owner rather than presented. */
  readonly #gated = new Set<string>();
  readonly #gates = new Set<(a: Ask) => boolean>();
  readonly #added = new Emitter<Ask>();
  readonly #settled = new Emitter<{ id: string; reason: SettledReason }>();
  /** A new ask to present to the user. */
  readonly onDidAdd = this.#added.event;
  readonly onDidSettle = this.#settled.event;
  readonly #taken = new Emitter<Ask>();
  /** A gate took the ask: its owner answers it, unless it releases it to the user (then onDidAdd). */
  readonly onDidGate = this.#taken.event;

  /** From a `permission.asked` / `question.asked` event or a sweep. */
  asked(a: Ask): void {
    const { id, sessionID } = a.ask;
    if (this.#pending.has(id) || this.#claimed.has(id) || this.#stoppedSessions.has(sessionID)) return;
    this.#pending.set(id, a);
    for (const gate of this.#gates) {
      if (!gate(a)) continue;
      this.#gated.add(id);
      this.#taken.fire(a);
      return;
    }
    this.#added.fire(a);
  }

  /**
   * Lets `gate` take asks before the user sees them (a run answers its own log writes). A taken ask
   * stays pending here, so claim and settle work as usual; its owner answers it, or hands it to the
   * user with `release` when it cannot.
   */
  addGate(gate: (a: Ask) => boolean): { dispose(): void } {
    this.#gates.add(gate);
    return { dispose: () => this.#gates.delete(gate) };
  }

  /** A gated ask its owner could not answer: present it like any other. */
  release(id: string): void {
    const a = this.#pending.get(id);
    if (!a || !this.#gated.delete(id) || this.#claimed.has(id)) return;
    this.#added.fire(a);
  }

  /** From a replied/rejected event (possibly our own reply, possibly another client's). */
  settled(id: string, reason: SettledReason): void {
    this.#gated.delete(id);
    if (this.#pending.delete(id)) this.#settled.fire({ id, reason });
  }

  /**
   * The server process went (crashed, stopped, restarted): opencode keeps pending asks in memory
   * only, so every one of them is lost and expires, unanswered. Should a server survive after all
   * (a user-run one that only dropped off), the next sweep brings its asks back.
   */
  expireAll(): void {
    for (const id of [...this.#pending.keys()]) this.settled(id, "expired");
  }

  /** A reconnect sweep: the server's complete list of what is pending now. */
  sweep(current: Ask[]): void {
    const ids = new Set(current.map(a => a.ask.id));
    for (const id of [...this.#pending.keys()]) if (!ids.has(id)) this.settled(id, "gone");
    for (const a of current) this.asked(a);
  }

  /** True once per id until `unclaim`: the caller may send a reply only when it gets true. */
  claim(id: string): boolean {
    if (this.#claimed.has(id)) return false;
    this.#claimed.add(id);
    return true;
  }

  /**
   * The claimed reply could not be sent (the server did not take it): the ask is still pending, so
   * the next answer may go. A settled ask stays claimed, so a late sweep cannot bring it back.
   */
  unclaim(id: string): void {
    if (this.#pending.has(id)) this.#claimed.delete(id);
  }

  /** Marks sessions as stopped here and returns their pending asks (to reject before aborting). */
  stopSessions(sessionIDs: string[]): Ask[] {
    for (const s of sessionIDs) this.#stoppedSessions.add(s);
    return [...this.#pending.values()].filter(a => sessionIDs.includes(a.ask.sessionID));
  }

  /** A new prompt in a stopped session makes it live again. */
  resumeSession(sessionID: string): void { this.#stoppedSessions.delete(sessionID); }

  get(id: string): Ask | undefined { return this.#pending.get(id); }
  /** Pending asks the user is to see (not those a gate took). */
  all(): Ask[] { return [...this.#pending.values()].filter(a => !this.#gated.has(a.ask.id)); }

  dispose(): void { this.#added.dispose(); this.#settled.dispose(); this.#taken.dispose(); }
}
