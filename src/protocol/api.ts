import { HttpError } from "../common/errors";
import { callJson, callJsonWithHeaders, type Endpoint } from "./http";
import type { PermissionReply, PermissionRequest, QuestionRequest } from "./ask";
import { decodeList, type PromptBody, type PromptPartInput } from "./rest";
import { FileDiff } from "./session";
import { decodeMcpStatus, decodeMcpStatusMap, type McpStatus } from "./mcp";
import { AuthMethods, OAuthStart, ProviderCatalog } from "./providers";
import { decodeSessionPage, sessionPageQuery, type SessionPage, type SessionPageQuery } from "./sessionList";
import { Session } from "./session";

export type PromptOptions = Pick<PromptBody, "agent" | "model" | "noReply" | "variant">;

// Response shapes are validated with the zod schemas of src/protocol where the extension relies on them.
type Json = Record<string, unknown>;

/** An id as one URL path segment: ids come from the server and the webview, so each is encoded. */
const seg = (id: string) => encodeURIComponent(id);

/** "." and ".." survive encoding and a URL resolves them away (so would an empty id's "//"): such a path is refused. */
const dotOrEmptySegment = /\/\.{0,2}(?=\/|$)/;

/**
 * opencode 1.x's HTTP API for one folder (every call carries `?directory=`): its paths and bodies,
 * and nothing else (no state). The conversation layer's client adds the ask bookkeeping.
 */
export class OpencodeApi {
  constructor(private readonly endpoint: () => Promise<Endpoint>, readonly directory: string) {}

  protected async call<T>(path: string, o: { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; query?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
    if (dotOrEmptySegment.test(path)) throw new Error(`refused a request with an id that is not one: ${path}`);
    return callJson<T>(await this.endpoint(), path, { ...o, directory: this.directory });
  }

  // Sessions
  listSessions(limit?: number) { return this.call<Json[]>("/session", { query: limit ? { limit: String(limit) } : {} }); }
  getSession(id: string) { return this.call<Json>(`/session/${seg(id)}`); }
  createSession(o: { title?: string; parentID?: string } = {}) { return this.call<Json & { id: string }>("/session", { method: "POST", body: o }); }
  deleteSession(id: string) { return this.call<boolean>(`/session/${seg(id)}`, { method: "DELETE" }); }
  renameSession(id: string, title: string) { return this.call<Json>(`/session/${seg(id)}`, { method: "PATCH", body: { title } }); }
  /** opencode copies the messages *before* messageID (all of them without one); the fork is titled "(fork #1)". */
  forkSession(id: string, messageID?: string) { return this.call<Json & { id: string }>(`/session/${seg(id)}/fork`, { method: "POST", body: messageID ? { messageID } : {} }); }
  revert(id: string, messageID: string, partID?: string) { return this.call<Json>(`/session/${seg(id)}/revert`, { method: "POST", body: { messageID, ...(partID ? { partID } : {}) } }); }
  unrevert(id: string) { return this.call<Json>(`/session/${seg(id)}/unrevert`, { method: "POST", body: {} }); }
  messages(id: string, limit?: number) { return this.call<{ info: Json; parts: Json[] }[]>(`/session/${seg(id)}/message`, { query: limit ? { limit: String(limit) } : {} }); }
  /**
   * The files one turn changed, `messageID` being the turn's user message: a unified patch per file,
   * no before/after contents. `[]` without `messageID`, and in a folder outside a git repository
   * (opencode takes no snapshots there). Items a newer server shapes differently are dropped.
   */
  async diff(id: string, messageID?: string): Promise<FileDiff[]> {
    const raw = await this.call<unknown>(`/session/${seg(id)}/diff`, { query: messageID ? { messageID } : {} });
    return decodeList(FileDiff, raw).items;
  }
  todos(id: string) { return this.call<Json[]>(`/session/${seg(id)}/todo`); }
  status() { return this.call<Record<string, { type: string }>>("/session/status"); }

  /** Starts a turn and returns at once (204); the reply arrives on the event stream. */
  prompt(id: string, parts: PromptPartInput[], o: PromptOptions = {}) {
    return this.call<void>(`/session/${seg(id)}/prompt_async`, { method: "POST", body: { parts, ...o } });
  }

  /**
   * Runs one of the folder's commands (`/name args` in the composer). The request lasts the whole
   * turn; its progress arrives on the event stream like a prompt's, so callers need not await it.
   */
  command(id: string, command: string, args: string, o: { agent?: string; model?: string; parts?: PromptPartInput[] } = {}) {
    const parts = o.parts?.filter(p => p.type === "file");
    return this.call<Json>(`/session/${seg(id)}/command`, { method: "POST", body: { command, arguments: args, ...(o.agent ? { agent: o.agent } : {}), ...(o.model ? { model: o.model } : {}), ...(parts?.length ? { parts } : {}) } });
  }

  /** Ends the session's turn. Pending asks stay alive on the server (see the client's stop). */
  abort(id: string) { return this.call<boolean>(`/session/${seg(id)}/abort`, { method: "POST", body: {} }); }

  // Asks
  pendingPermissions() { return this.call<PermissionRequest[]>("/permission"); }
  pendingQuestions() { return this.call<QuestionRequest[]>("/question"); }

  sendPermissionReply(id: string, reply: PermissionReply, message?: string) {
    return this.call<unknown>(`/permission/${seg(id)}/reply`, { method: "POST", body: { reply, ...(message ? { message } : {}) } });
  }
  sendQuestionReply(id: string, answers: string[][]) { return this.call<unknown>(`/question/${seg(id)}/reply`, { method: "POST", body: { answers } }); }
  sendQuestionReject(id: string) { return this.call<unknown>(`/question/${seg(id)}/reject`, { method: "POST", body: {} }); }

  // Catalogues
  providers() { return this.call<Json>("/config/providers"); }
  agents() { return this.call<Json[]>("/agent"); }
  commands() { return this.call<Json[]>("/command"); }
  config() { return this.call<Json>("/config"); }

  // Models
  /**
   * Sends a prompt and waits for the whole reply (`POST /session/{id}/message`): the answer is the
   * assistant message with its parts, its `error` set when the provider failed. A failing provider
   * is retried by opencode for about a minute, so the caller sets its own timeout and aborts.
   */
  promptAndWait(id: string, parts: PromptPartInput[], o: PromptOptions, timeoutMs: number) {
    return this.call<unknown>(`/session/${seg(id)}/message`, { method: "POST", body: { parts, ...o }, timeoutMs });
  }

  // MCP servers: the status of each one the server's config names, and the actions on one. The
  // extension adds none with `POST /mcp` (only the running server keeps it, and it resolves no
  // {env:} references), and leaves OAuth to opencode's own flow rather than `/auth` + `/auth/callback`.
  async mcpStatus(): Promise<Record<string, McpStatus>> { return decodeMcpStatusMap(await this.call<unknown>("/mcp")); }
  mcpConnect(name: string) { return this.call<boolean>(`/mcp/${seg(name)}/connect`, { method: "POST", body: {} }); }
  mcpDisconnect(name: string) { return this.call<boolean>(`/mcp/${seg(name)}/disconnect`, { method: "POST", body: {} }); }
  /**
   * The whole OAuth flow on the server's side: opencode opens the browser with the system's opener
   * (on the machine it runs on), takes the redirect on its callback server (127.0.0.1:19876 unless the
   * server's oauth.callbackPort says otherwise), exchanges the code and reconnects; the answer is the new status.
   */
  async mcpAuthenticate(name: string): Promise<McpStatus | undefined> {
    return decodeMcpStatus(await this.call<unknown>(`/mcp/${seg(name)}/auth/authenticate`, { method: "POST", body: {}, timeoutMs: 10 * 60_000 }));
  }

  // Providers. The shared auth store only reaches a running instance after `disposeInstance`.
  /** Every provider opencode knows, with `hasKey` instead of its key (see protocol/providers.ts). */
  async providerCatalog(): Promise<ProviderCatalog> { return ProviderCatalog.parse(await this.call<unknown>("/provider")); }
  async authMethods(): Promise<AuthMethods> { return AuthMethods.parse(await this.call<unknown>("/provider/auth")); }
  /**
   * Stores an API key (`metadata`: the method's extra prompts). A failure never carries the server's
   * answer: a validation error can echo the body it refused, and that body holds the key.
   */
  async setApiKey(providerID: string, key: string, metadata?: Record<string, string>): Promise<void> {
    const endpoint = `PUT /auth/${seg(providerID)}`;
    try {
      await this.call<boolean>(`/auth/${seg(providerID)}`, { method: "PUT", body: { type: "api", key, ...(metadata && Object.keys(metadata).length ? { metadata } : {}) } });
    } catch (err) {
      throw err instanceof HttpError ? new HttpError(err.status, endpoint) : new Error(`${endpoint} failed (${err instanceof Error ? err.name : "error"})`);
    }
  }
  removeAuth(providerID: string) { return this.call<boolean>(`/auth/${seg(providerID)}`, { method: "DELETE" }); }
  async oauthAuthorize(providerID: string, method: number, inputs?: Record<string, string>): Promise<OAuthStart> {
    return OAuthStart.parse(await this.call<unknown>(`/provider/${seg(providerID)}/oauth/authorize`, { method: "POST", body: { method, ...(inputs && Object.keys(inputs).length ? { inputs } : {}) } }));
  }
  /** With method "auto" the call lasts until the provider redirects back: hence a 30-minute default timeout, and `signal`. */
  oauthCallback(providerID: string, method: number, o: { code?: string; signal?: AbortSignal; timeoutMs?: number } = {}) {
    return this.call<boolean>(`/provider/${seg(providerID)}/oauth/callback`, { method: "POST", body: { method, ...(o.code ? { code: o.code } : {}) }, signal: o.signal, timeoutMs: o.timeoutMs ?? 30 * 60_000 });
  }
  // Session actions
  /** Publishes the session on opencode's share service; the answer is the session with `share.url`. */
  share(id: string) { return this.call<Json>(`/session/${seg(id)}/share`, { method: "POST", body: {} }); }
  unshare(id: string) { return this.call<Json>(`/session/${seg(id)}/share`, { method: "DELETE" }); }
  /** Compacts the session with that model: the request lasts until the summary turn ends. */
  summarize(id: string, model: { providerID: string; modelID: string }, timeoutMs: number) {
    return this.call<boolean>(`/session/${seg(id)}/summarize`, { method: "POST", body: model, timeoutMs });
  }

  // Session list: every session opencode keeps on disk for the folder, a page at a time (`GET /session`
  // without a limit answers only the newest 100).
  async sessionPage(q: SessionPageQuery): Promise<SessionPage> {
    const url = "/experimental/session";
    const { body, headers } = await callJsonWithHeaders<unknown>(await this.endpoint(), url, { query: sessionPageQuery(q), directory: this.directory });
    return decodeSessionPage(body, headers["x-next-cursor"]);
  }
  /** The sub-agent sessions whose parentID is `id`. */
  async sessionChildren(id: string): Promise<Session[]> { return decodeList(Session, await this.call<unknown>(`/session/${seg(id)}/children`)).items; }

  /** Drops the folder's instance: it reloads config and credentials on the next call; its event stream ends. */
  disposeInstance() { return this.call<boolean>("/instance/dispose", { method: "POST", body: {} }); }
}
