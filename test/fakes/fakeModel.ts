// A loopback OpenAI-compatible chat-completions server that the tests own. opencode talks to it
// as its provider ("fake"), so real opencode runs real turns with replies we script exactly.
// opencode 1.18.33 sends `POST /v1/chat/completions` with `stream: true`, its tools and the whole
// conversation; a session without a title first gets one extra request, with no tools, for the title.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export type ToolCall = { name: string; args: Record<string, unknown> };

/** One scripted reply to one chat-completions request. */
export type Reply =
  | { kind: "text"; chunks: string[]; reasoning?: string[]; delayMs?: number; usage?: Usage; until?: Promise<unknown> }
  | { kind: "tools"; calls: ToolCall[]; text?: string; usage?: Usage; delayMs?: number }
  | { kind: "http-error"; status: number; body?: unknown }
  | { kind: "malformed" }
  | { kind: "drop"; afterChunks: string[] }
  | { kind: "stall"; chunks: string[] };

/** Token counts the fake reports for one step: all non-zero, and different for every step by default. */
export type Usage = { prompt: number; completion: number; cached: number; reasoning: number };

/** The default usage of the n-th request (from 0), so a sum over steps cannot pass by accident. */
export const usageOf = (n: number): Usage => ({ prompt: 120 + 11 * n, completion: 9 + 2 * n, cached: 30 + 3 * n, reasoning: 3 + n });

export type ModelRequest = {
  sessionId: string | undefined;
  body: { messages?: { role: string; content?: unknown; tool_calls?: unknown }[]; tools?: unknown[]; [k: string]: unknown };
  isTitleRequest: boolean;
  /** The request's Authorization header, as sent (kept only in the test's memory). */
  authorization: string | undefined;
  /** The token counts this request's reply reported (none for error replies). */
  usage?: Usage;
};

export type Handler = (req: ModelRequest) => Reply | undefined;

/** OpenAI's answer to a missing or unknown API key. */
const unauthorized: Reply = { kind: "http-error", status: 401, body: { error: {
  message: "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
  type: "invalid_request_error", param: null, code: "invalid_api_key" } } };

export const text = (...chunks: string[]): Reply => ({ kind: "text", chunks });
export const tools = (...calls: ToolCall[]): Reply => ({ kind: "tools", calls });

export class FakeModel {
  readonly requests: ModelRequest[] = [];
  #queue: Reply[] = [];
  #bySession = new Map<string, Reply[]>();
  #handler: Handler | undefined;
  #server: http.Server;
  #sockets = new Set<import("node:net").Socket>();
  /** Overrides the per-request default usage when set. */
  usage: Usage | undefined;
  /**
   * When set, a request without `Authorization: Bearer <requiredKey>` gets the 401 OpenAI answers an
   * unknown key with (title requests included), and consumes no scripted reply.
   */
  requiredKey: string | undefined;

  private constructor(server: http.Server, readonly baseUrl: string) {
    this.#server = server;
    server.on("connection", s => { this.#sockets.add(s); s.on("close", () => this.#sockets.delete(s)); });
  }

  static async start(port = 0): Promise<FakeModel> {
    let model: FakeModel | undefined;
    const server = http.createServer((req, res) => void model!.#serve(req, res));
    await new Promise<void>(ok => server.listen(port, "127.0.0.1", ok));
    model = new FakeModel(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
    return model;
  }

  /** Replies are used in order, one per non-title request; `handle` wins over the queue. */
  script(...replies: Reply[]): void { this.#queue.push(...replies); }
  /** Replies only for requests of one session: a late request of another test's session cannot take them. */
  scriptFor(sessionId: string, ...replies: Reply[]): void { this.#bySession.set(sessionId, [...(this.#bySession.get(sessionId) ?? []), ...replies]); }
  handle(handler: Handler | undefined): void { this.#handler = handler; }
  reset(): void { this.#queue = []; this.#bySession.clear(); this.#handler = undefined; this.requests.length = 0; this.usage = undefined; this.requiredKey = undefined; }
  get pending(): number { return this.#queue.length; }

  #next(sessionId: string | undefined): Reply {
    const own = sessionId === undefined ? undefined : this.#bySession.get(sessionId);
    return own?.shift() ?? (own ? undefined : this.#queue.shift()) ?? text("(no scripted reply)");
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>(ok => this.#server.close(() => ok()));
  }

  async #serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method === "GET" && req.url?.endsWith("/models")) {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [{ id: "fake-model", object: "model" }] }));
    }
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) return void res.writeHead(404).end();
    let raw = "";
    for await (const chunk of req) raw += chunk;
    let body: ModelRequest["body"];
    try { body = JSON.parse(raw); } catch { return void res.writeHead(400).end("bad json"); }
    const system = body.messages?.find(m => m.role === "system")?.content;
    const isTitleRequest = typeof system === "string" && system.startsWith("You are a title generator");
    const authorization = header(req, "authorization");
    const request: ModelRequest = { sessionId: header(req, "x-session-id"), body, isTitleRequest, authorization };
    this.requests.push(request);
    if (this.requiredKey !== undefined && authorization !== `Bearer ${this.requiredKey}`) return respond(res, unauthorized, undefined);
    // Title requests never consume the script: tests would otherwise depend on opencode's title timing.
    const reply = isTitleRequest ? text("Scripted title") : this.#handler?.(request) ?? this.#next(request.sessionId);
    if (reply.kind === "text" || reply.kind === "tools") request.usage = reply.usage ?? this.usage ?? usageOf(this.requests.length - 1);
    await respond(res, reply, request.usage);
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

let callSeq = 0;

async function respond(res: http.ServerResponse, reply: Reply, usage: Usage | undefined): Promise<void> {
  if (reply.kind === "http-error") {
    res.writeHead(reply.status, { "content-type": "application/json" });
    return void res.end(JSON.stringify(reply.body ?? { error: { message: `fake ${reply.status} error`, type: "server_error" } }));
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const id = `chatcmpl-fake-${++callSeq}`;
  const frame = (delta: object, finish: string | null = null, extra: object = {}) =>
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 0, model: "fake-model", choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`);
  const usageFrame = (u: Usage) => res.write(`data: ${JSON.stringify({
    id, object: "chat.completion.chunk", created: 0, model: "fake-model", choices: [],
    usage: { prompt_tokens: u.prompt, completion_tokens: u.completion, total_tokens: u.prompt + u.completion,
      prompt_tokens_details: { cached_tokens: u.cached }, completion_tokens_details: { reasoning_tokens: u.reasoning } },
  })}\n\n`);

  switch (reply.kind) {
    case "malformed":
      res.write(`data: {"this is": not json\n\n`);
      return void res.end();
    case "drop":
    case "stall":
      frame({ role: "assistant", content: "" });
      for (const c of reply.kind === "drop" ? reply.afterChunks : reply.chunks) frame({ content: c });
      if (reply.kind === "drop") return void res.destroy();
      return; // stall: keep the connection open with no further bytes until the client gives up
    case "text":
      frame({ role: "assistant", content: "" });
      for (const r of reply.reasoning ?? []) { frame({ reasoning_content: r }); await pause(reply.delayMs); }
      for (const [i, c] of reply.chunks.entries()) {
        frame({ content: c });
        await pause(reply.delayMs);
        // A turn that lasts as long as the test needs: the rest waits for the test's signal.
        if (i === 0) await reply.until;
      }
      frame({}, "stop");
      usageFrame(usage!);
      break;
    case "tools":
      frame({ role: "assistant", content: reply.text ?? null });
      await pause(reply.delayMs); // a model thinking before it calls: time for a test to act as the user
      reply.calls.forEach((call, index) => frame({ tool_calls: [{ index, id: `call_fake_${++callSeq}`, type: "function",
        function: { name: call.name, arguments: JSON.stringify(call.args) } }] }));
      frame({}, "tool_calls");
      usageFrame(usage!);
      break;
  }
  res.end("data: [DONE]\n\n");
}

const pause = (ms = 0) => ms > 0 ? new Promise(r => setTimeout(r, ms)) : Promise.resolve();

/**
 * The run log and deliverables folder a run's (hidden) protocol text names in a request, as an agent
 * reads them; undefined when the request carries no run protocol.
 */
export function runProtocolPaths(req: ModelRequest): { log: string; deliverables: string } | undefined {
  const all = JSON.stringify(req.body.messages);
  // Each path ends at the JSON-escaped line break (or the string's end) after it.
  const log = /Run log: (\S+?)(\\n|")/.exec(all)?.[1], deliverables = /Deliverables folder: (\S+?)(\\n|")/.exec(all)?.[1];
  return log && deliverables ? { log, deliverables } : undefined;
}

/** How many tool results a request carries: the step an agent scripted by steps is at. */
export const stepOf = (req: ModelRequest): number => req.body.messages?.filter(m => m.role === "tool").length ?? 0;
