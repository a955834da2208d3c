// GET /global/health of a server we did not start (opencode.serverUrl), told apart from one that is
// not opencode 1.x: 1.x answers JSON `{healthy, version}`; 2.x has no /global routes, and a web UI
// answers any path it does not know with a 200 HTML page.
import { request } from "undici";
import { z } from "zod";
import { delay } from "../common/async";
import { HttpError, TimeoutError } from "../common/errors";
import { authHeader, type Endpoint } from "./http";

const Health = z.object({ healthy: z.boolean(), version: z.string() });

export type HealthAnswer =
  | { kind: "opencode1"; healthy: boolean; version: string }
  /** `answered` says what came instead, for the user ("HTTP 200 text/html"). */
  | { kind: "other"; answered: string };

/** One health check. A 401 and a server error throw HttpError (they say nothing about what the server is). */
export async function probeHealth(ep: Endpoint, timeoutMs: number): Promise<HealthAnswer> {
  const res = await request(new URL("/global/health", ep.baseUrl), { signal: AbortSignal.timeout(timeoutMs), headers: { ...authHeader(ep.credentials), accept: "application/json" } });
  const text = await res.body.text();
  const type = String(res.headers["content-type"] ?? "no content type").split(";")[0];
  if (res.statusCode === 401 || res.statusCode >= 500) throw new HttpError(res.statusCode, "GET /global/health", text);
  if (res.statusCode !== 200) return { kind: "other", answered: `HTTP ${res.statusCode} ${type}` };
  let json: unknown;
  try { json = JSON.parse(text); } catch { return { kind: "other", answered: `HTTP 200 ${type}, not JSON` }; }
  const health = Health.safeParse(json);
  return health.success ? { kind: "opencode1", ...health.data } : { kind: "other", answered: "JSON without {healthy, version}" };
}

/**
 * Checks until the server answers healthy, or answers as something other than opencode 1.x (that
 * will not change). Each try is short: a server's first requests after it starts can hang.
 */
export async function waitHealthAnswer(ep: Endpoint, totalMs: number): Promise<HealthAnswer> {
  const deadline = Date.now() + totalMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const answer = await probeHealth(ep, 1_500);
      if (answer.kind === "other" || answer.healthy) return answer;
      last = "not healthy yet";
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) throw err; // wrong credentials will not get better
      last = err;
    }
    await delay(100);
  }
  throw new TimeoutError(`waiting for ${ep.baseUrl}/global/health (last: ${String(last)})`, totalMs);
}
