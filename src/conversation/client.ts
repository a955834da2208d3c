import { HttpError } from "../common/errors";
import { errorText } from "../common/errorText";
import type { Endpoint } from "../protocol/http";
import { OpencodeApi, type PromptOptions } from "../protocol/api";
import type { PermissionReply } from "../protocol/ask";
import type { PromptPartInput } from "../protocol/rest";
import type { PendingAsks } from "./asks";

export type { PromptOptions } from "../protocol/api";
type ReplyOutcome = "sent" | "already answered" | "expired";

/**
 * The folder's API with the rules that keep approvals from being lost or doubled: at most one reply
 * per ask at a time, a stopped session's asks rejected before its turn is aborted, and a new prompt
 * making a stopped session live again.
 */
export class OpencodeClient extends OpencodeApi {
  constructor(endpoint: () => Promise<Endpoint>, directory: string, private readonly asks?: PendingAsks) {
    super(endpoint, directory);
  }

  /**
   * The folder's big reads, shared while one is in flight: a server's start (and a window's focus)
   * has the model line, the context meter and the share check each ask at the same moment. Only a
   * request already on its way is shared, so no answer is older than the asking.
   */
  readonly #inFlight = new Map<string, Promise<unknown>>();
  override config() { return this.#shared("config", () => super.config()); }
  override providers() { return this.#shared("providers", () => super.providers()); }
  override providerCatalog() { return this.#shared("providerCatalog", () => super.providerCatalog()); }

  #shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.#inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const p = read().finally(() => { if (this.#inFlight.get(key) === p) this.#inFlight.delete(key); });
    this.#inFlight.set(key, p);
    return p;
  }

  /** Starts a turn and returns at once (204); the reply arrives on the event stream. */
  override prompt(id: string, parts: PromptPartInput[], o: PromptOptions = {}) {
    this.asks?.resumeSession(id);
    return super.prompt(id, parts, o);
  }

  override command(id: string, command: string, args: string, o: { agent?: string; model?: string; parts?: PromptPartInput[] } = {}) {
    this.asks?.resumeSession(id);
    return super.command(id, command, args, o);
  }

  /**
   * Stops a turn. opencode's abort leaves pending asks alive, and a late "once" would still write the
   * file, so every pending ask of the session and its child sessions is rejected first.
   */
  async stop(id: string): Promise<void> {
    const children = (await this.listSessions().catch(() => [])).filter(s => s.parentID === id).map(s => String(s.id));
    const failures: string[] = [];
    for (const a of this.asks?.stopSessions([id, ...children]) ?? []) {
      await (a.kind === "permission" ? this.replyPermission(a.ask.id, "reject") : this.rejectQuestion(a.ask.id))
        .catch(err => failures.push(`${a.ask.id}: ${errorText(err)}`));
      this.asks?.settled(a.ask.id, "session stopped");
    }
    await this.abort(id);
    // Never silent: an ask we could not reject may still be approved elsewhere and run its tool.
    if (failures.length) throw new Error(`stopped, but could not reject pending asks: ${failures.join("; ")}`);
  }

  /**
   * Sends at most one reply per ask id at a time; a 404 means the ask is gone (server restarted,
   * answered elsewhere). A send that fails otherwise leaves the ask pending and answerable again.
   */
  replyPermission(id: string, reply: PermissionReply, message?: string): Promise<ReplyOutcome> {
    return this.#once(id, () => this.sendPermissionReply(id, reply, message));
  }
  replyQuestion(id: string, answers: string[][]): Promise<ReplyOutcome> {
    return this.#once(id, () => this.sendQuestionReply(id, answers));
  }
  rejectQuestion(id: string): Promise<ReplyOutcome> {
    return this.#once(id, () => this.sendQuestionReject(id));
  }

  async #once(id: string, send: () => Promise<unknown>): Promise<ReplyOutcome> {
    if (this.asks && !this.asks.claim(id)) return "already answered";
    try {
      await send();
      this.asks?.settled(id, "answered");
      return "sent";
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) { this.asks?.settled(id, "expired"); return "expired"; }
      // Kept claimed, every later answer would be dropped as "already answered" while opencode still waits.
      this.asks?.unclaim(id);
      throw err;
    }
  }
}
