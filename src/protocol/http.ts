import { Agent, request } from "undici";
import { HttpError, TimeoutError } from "../common/errors";
import { delay } from "../common/async";

type Credentials = { username: string; password: string };

/** Where a server is and how to authenticate; never logged (it carries the password). */
export type Endpoint = { baseUrl: string; credentials?: Credentials };

// One keep-alive pool per extension host; opencode is always on loopback.
const dispatcher = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 5_000 } });

export function authHeader(c: Credentials | undefined): Record<string, string> {
  return c ? { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}` } : {};
}

type RequestOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as `?directory=`: opencode routes every call to that folder's instance. */
  directory?: string;
  query?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
};

/** One JSON call. Non-2xx answers become HttpError; an empty 2xx body becomes `undefined`. */
export async function callJson<T>(ep: Endpoint, path: string, o: RequestOptions = {}): Promise<T> {
  return (await callJsonWithHeaders<T>(ep, path, o)).body;
}

/** callJson, with the response headers too (lower-case names), for answers that page through them. */
export async function callJsonWithHeaders<T>(ep: Endpoint, path: string, o: RequestOptions = {}): Promise<{ body: T; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, ep.baseUrl);
  if (o.directory) url.searchParams.set("directory", o.directory);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  const timeoutMs = o.timeoutMs ?? 30_000;
  const method = o.method ?? (o.body === undefined ? "GET" : "POST");
  const signals = [AbortSignal.timeout(timeoutMs), ...(o.signal ? [o.signal] : [])];
  try {
    const res = await request(url, {
      method, dispatcher, signal: AbortSignal.any(signals),
      headers: { ...authHeader(ep.credentials), ...(o.body === undefined ? {} : { "content-type": "application/json" }) },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const text = await res.body.text();
    if (res.statusCode < 200 || res.statusCode >= 300) throw new HttpError(res.statusCode, `${method} ${path}`, text);
    return { body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  } catch (err) {
    if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError") && signals[0].aborted) {
      throw new TimeoutError(`${method} ${path}`, timeoutMs);
    }
    throw err;
  }
}

type Health = { healthy: boolean; version: string };

/**
 * Polls GET /global/health until it answers. Requests that reach opencode in the first moments after
 * it starts listening can hang forever, unanswered, hence the short per-request timeout.
 */
export async function waitHealthy(ep: Endpoint, totalMs = 30_000, signal?: AbortSignal): Promise<Health> {
  const deadline = Date.now() + totalMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const h = await callJson<Health>(ep, "/global/health", { timeoutMs: 1_500, signal });
      if (h?.healthy) return h;
    } catch (err) {
      if (signal?.aborted) throw err;
      if (err instanceof HttpError && err.status === 401) throw err; // wrong credentials will not get better
      last = err;
    }
    await delay(100, signal);
  }
  throw new TimeoutError(`waiting for ${ep.baseUrl}/global/health (last: ${String(last)})`, totalMs);
}
