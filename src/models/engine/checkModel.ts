// "Check Model": one real, tiny turn with a model, in a throwaway session, to learn before real work
// whether it answers and how fast. The session is titled up front (an untitled one costs a second
// model call for its title), named so that session lists leave it out, and always aborted and
// deleted afterwards, whatever happened.
import type { OpencodeApi } from "../../protocol/api";
import { MessageWithParts } from "../../protocol/rest";
import type { MessageError } from "../../protocol/message";
import type { ModelRef } from "../../protocol/modelRef";
import { errorText } from "../../common/errorText";
import { TimeoutError } from "../../common/errors";

/** The title of every check's session: lists of sessions skip it (isModelCheckSession) while it lives. */
export const modelCheckTitle = "opencode model check (temporary)";
export const isModelCheckSession = (title: string | undefined): boolean => title === modelCheckTitle;

/** A model answering 500 is retried by opencode for about 70 s: a check gives up well before that. */
export const defaultCheckTimeoutMs = 45_000;

export type CheckResult =
  | { ok: true; latencyMs: number; answer: string }
  | { ok: false; error: string; latencyMs: number };

/** A challenge only a working model answers right: a sum of two random numbers. */
export function challenge(random = Math.random): { prompt: string; expected: string } {
  const a = 10 + Math.floor(random() * 80), b = 10 + Math.floor(random() * 80);
  return { prompt: `Reply with only the number: ${a}+${b}`, expected: String(a + b) };
}

export type CheckOptions = { model: ModelRef; variant?: string; timeoutMs?: number; random?: () => number; now?: () => number };

export async function checkModel(api: OpencodeApi, o: CheckOptions): Promise<CheckResult> {
  const now = o.now ?? Date.now, timeoutMs = o.timeoutMs ?? defaultCheckTimeoutMs;
  const { prompt, expected } = challenge(o.random);
  const started = now();
  const session = await api.createSession({ title: modelCheckTitle });
  try {
    const raw = await api.promptAndWait(session.id, [{ type: "text", text: prompt }], { model: o.model, ...(o.variant ? { variant: o.variant } : {}) }, timeoutMs);
    const latencyMs = now() - started;
    const reply = MessageWithParts.safeParse(raw);
    if (!reply.success) return { ok: false, latencyMs, error: "opencode answered with something that is not a message" };
    const info = reply.data.info;
    if (info.role === "assistant" && info.error) return { ok: false, latencyMs, error: messageErrorText(info.error) };
    const answer = reply.data.parts.flatMap(p => (p.type === "text" ? [p.text] : [])).join("").trim();
    if (!answer.includes(expected)) return { ok: false, latencyMs, error: `it answered "${answer.slice(0, 200)}" to "${prompt}" (expected ${expected})` };
    return { ok: true, latencyMs, answer };
  } catch (err) {
    const latencyMs = now() - started;
    if (!(err instanceof TimeoutError)) return { ok: false, latencyMs, error: errorText(err) };
    const retry = await retryMessage(api, session.id);
    return { ok: false, latencyMs, error: `no answer within ${Math.round(timeoutMs / 1000)} s${retry ? ` (opencode was retrying: ${retry})` : ""}` };
  } finally {
    await api.abort(session.id).catch(() => undefined);
    await api.deleteSession(session.id).catch(() => undefined);
  }
}

/** The provider's own words: "Unauthorized (HTTP 401)". */
export function messageErrorText(e: MessageError): string {
  const status = e.data?.statusCode ? ` (HTTP ${e.data.statusCode})` : "";
  return `${e.data?.message || e.name}${status}`;
}

async function retryMessage(api: OpencodeApi, sessionID: string): Promise<string | undefined> {
  const status = await api.status().catch(() => ({}) as Record<string, { type: string; message?: string }>);
  const s = status[sessionID] as { type: string; message?: string } | undefined;
  return s?.type === "retry" ? s.message : undefined;
}
