import { HttpError } from "../common/errors";
import { errorText } from "../common/errorText";
import { callJson, type Endpoint } from "../protocol/http";
import type { PendingAsks, PermissionAsk, QuestionAsk } from "./asks";
import type { PermissionReply } from "../protocol/ask";
import { decodeList, type PromptBody, type PromptPartInput } from "../protocol/rest";
import { FileDiff } from "../protocol/session";

type ReplyOutcome = "sent" | "already answered" | "expired";
export type PromptOptions = Pick<PromptBody, "agent" | "model" | "noReply">;

// Response shapes are validated with the zod schemas of src/protocol where the extension relies on them.
type Json = Record<string, unknown>;

/** The opencode HTTP API for one folder (every call carries `?directory=`). */
export class OpencodeClient {
  constructor(private readonly endpoint: () => Promise<Endpoint>, readonly directory: string, private readonly asks?: PendingAsks) {}

  async #call<T>(path: string, o: { method?: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown; query?: Record<string, string> } = {}): Promise<T> {
    return callJson<T>(await this.endpoint(), path, { ...o, directory: this.directory });
  }

  // Sessions
  listSessions(limit?: number) { return this.#call<Json[]>("/session", { query: limit ? { limit: String(limit) } : {} }); }
  getSession(id: string) { return this.#call<Json>(`/session/${id}`); }
  createSession(o: { title?: string; parentID?: string } = {}) { return this.#call<Json & { id: string }>("/session", { method: "POST", body: o }); }
  deleteSession(id: string) { return this.#call<boolean>(`/session/${id}`, { method: "DELETE" }); }
  renameSession(id: string, title: string) { return this.#call<Json>(`/session/${id}`, { method: "PATCH", body: { title } }); }
  /** opencode copies the messages *before* messageID (all of them without one); the fork is titled "(fork #1)". */
  forkSession(id: string, messageID?: string) { return this.#call<Json & { id: string }>(`/session/${id}/fork`, { method: "POST", body: messageID ? { messageID } : {} }); }
  revert(id: string, messageID: string, partID?: string) { return this.#call<Json>(`/session/${id}/revert`, { method: "POST", body: { messageID, ...(partID ? { partID } : {}) } }); }
  unrevert(id: string) { return this.#call<Json>(`/session/${id}/unrevert`, { method: "POST", body: {} }); }
  messages(id: string, limit?: number) { return this.#call<{ info: Json; parts: Json[] }[]>(`/session/${id}/message`, { query: limit ? { limit: String(limit) } : {} }); }
  /**
   * The files one turn changed, `messageID` being the turn's user message: a unified patch per file,
   * no before/after contents. `[]` without `messageID`, and in a folder outside a git repository
   * (opencode takes no snapshots there). Items a newer server shapes differently are dropped.
   */
  async diff(id: string, messageID?: string): Promise<FileDiff[]> {
    const raw = await this.#call<unknown>(`/session/${id}/diff`, { query: messageID ? { messageID } : {} });
    return decodeList(FileDiff, raw).items;
  }
  todos(id: string) { return this.#call<Json[]>(`/session/${id}/todo`); }
  status() { return this.#call<Record<string, { type: string }>>("/session/status"); }

  /** Starts a turn and returns at once (204); the reply arrives on the event stream. */
  prompt(id: string, parts: PromptPartInput[], o: PromptOptions = {}) {
    this.asks?.resumeSession(id);
    return this.#call<void>(`/session/${id}/prompt_async`, { method: "POST", body: { parts, ...o } });
  }

  /**
   * Runs one of the folder's commands (`/name args` in the composer). The request lasts the whole
   * turn; its progress arrives on the event stream like a prompt's, so callers need not await it.
   */
  command(id: string, command: string, args: string, o: { agent?: string; model?: string; parts?: PromptPartInput[] } = {}) {
    this.asks?.resumeSession(id);
    const parts = o.parts?.filter(p => p.type === "file");
    return this.#call<Json>(`/session/${id}/command`, { method: "POST", body: { command, arguments: args, ...(o.agent ? { agent: o.agent } : {}), ...(o.model ? { model: o.model } : {}), ...(parts?.length ? { parts } : {}) } });
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
    await this.#call<boolean>(`/session/${id}/abort`, { method: "POST", body: {} });
    // Never silent: an ask we could not reject may still be approved elsewhere and run its tool.
    if (failures.length) throw new Error(`stopped, but could not reject pending asks: ${failures.join("; ")}`);
  }

  // Asks
  pendingPermissions() { return this.#call<PermissionAsk[]>("/permission"); }
  pendingQuestions() { return this.#call<QuestionAsk[]>("/question"); }

  /**
   * Sends at most one reply per ask id at a time; a 404 means the ask is gone (server restarted,
   * answered elsewhere). A send that fails otherwise leaves the ask pending and answerable again.
   */
  replyPermission(id: string, reply: PermissionReply, message?: string): Promise<ReplyOutcome> {
    return this.#once(id, () => this.#call(`/permission/${id}/reply`, { method: "POST", body: { reply, ...(message ? { message } : {}) } }));
  }
  replyQuestion(id: string, answers: string[][]): Promise<ReplyOutcome> {
    return this.#once(id, () => this.#call(`/question/${id}/reply`, { method: "POST", body: { answers } }));
  }
  rejectQuestion(id: string): Promise<ReplyOutcome> {
    return this.#once(id, () => this.#call(`/question/${id}/reject`, { method: "POST", body: {} }));
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

  // Catalogues
  providers() { return this.#call<Json>("/config/providers"); }
  agents() { return this.#call<Json[]>("/agent"); }
  commands() { return this.#call<Json[]>("/command"); }
  config() { return this.#call<Json>("/config"); }
}
