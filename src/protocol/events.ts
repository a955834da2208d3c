// The events of `GET /event?directory=…` (frames `{id, type, properties}`, one `data:` line each) that the
// extension acts on, and decodeEvent, the one place where SSE data becomes typed. Types not listed
// here (plugin.added, catalog.updated, file.watcher.updated, anything a newer server adds) are
// reported as unknown and skipped; a listed type that fails its schema is reported as malformed.
import { z } from "zod";
import { Session, SessionStatus, FileDiff, Todo } from "./session";
import { Message, MessageError } from "./message";
import { Part } from "./parts";
import { PermissionRequest, QuestionRequest } from "./ask";

function event<T extends string, P extends z.ZodType>(type: T, properties: P) {
  /** `id` ("evt_…") is unique per event; the extension does not need it but keeps it for logs. */
  return z.object({ id: z.string().optional(), type: z.literal(type), properties });
}

const sessionInfo = z.object({
  /** Older servers sent only `info`; `info.id` is the session either way. */
  sessionID: z.string().optional(),
  info: Session,
});
const sessionRef = z.object({ sessionID: z.string() });
const askRef = z.object({ sessionID: z.string(), requestID: z.string() });

export const KnownEvent = z.discriminatedUnion("type", [
  /** First frame of every stream; after it, re-read state over REST: SSE does not replay. */
  event("server.connected", z.object({}).optional()),
  /** Every ~10 s on each stream; its absence means a dead connection. */
  event("server.heartbeat", z.object({}).optional()),
  event("session.created", sessionInfo),
  event("session.updated", sessionInfo),
  event("session.deleted", sessionInfo),
  event("session.status", z.object({ sessionID: z.string(), status: SessionStatus })),
  /** Comes with `status idle`; twice after errors and aborts. */
  event("session.idle", sessionRef),
  /** Comes before the first idle; the same error reaches the assistant message after it. */
  event("session.error", z.object({ sessionID: z.string().optional(), error: MessageError.optional() })),
  /** `[]` after normal turns, even ones that wrote files; non-empty only after a revert. */
  event("session.diff", z.object({ sessionID: z.string(), diff: z.array(FileDiff) })),
  event("message.updated", z.object({ sessionID: z.string().optional(), info: Message })),
  /** Sent for each reverted message when a prompt follows a revert. */
  event("message.removed", z.object({ sessionID: z.string(), messageID: z.string() })),
  /** A full snapshot of one part: the truth, which overrides any deltas applied before it. */
  event("message.part.updated", z.object({ sessionID: z.string().optional(), part: Part, time: z.number().optional() })),
  /** Streamed text of text and reasoning parts (`field` "text"); never tool input. */
  event("message.part.delta", z.object({
    sessionID: z.string(), messageID: z.string(), partID: z.string(), field: z.string(), delta: z.string(),
  })),
  event("permission.asked", PermissionRequest),
  /** `reply` is "once" | "always" | "reject"; kept a string so a new kind still clears the ask. */
  event("permission.replied", askRef.extend({ reply: z.string() })),
  event("question.asked", QuestionRequest),
  event("question.replied", askRef.extend({ answers: z.array(z.array(z.string())).default(() => []) })),
  event("question.rejected", askRef),
  event("todo.updated", z.object({ sessionID: z.string(), todos: z.array(Todo) })),
  /** A write or edit tool changed this absolute path. */
  event("file.edited", z.object({ file: z.string() })),
]);
export type KnownEvent = z.infer<typeof KnownEvent>;

const knownTypes = new Set<string>(KnownEvent.options.map(o => o.shape.type.value));

export type Decoded =
  | { kind: "event"; event: KnownEvent }
  /** A type this build does not handle: skip it (log at debug). */
  | { kind: "unknown"; type: string }
  /** Not JSON, not an event object, or a known type that failed its schema: skip it, warn, count. */
  | { kind: "malformed"; type: string; why: string };

/** Decodes the data of one SSE frame. Never throws: a throw here would end the event pump. */
export function decodeEvent(data: string): Decoded {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { kind: "malformed", type: "?", why: "not JSON" };
  }
  const type = typeof raw === "object" && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type !== "string") return { kind: "malformed", type: "?", why: "not an object with a string `type`" };
  if (!knownTypes.has(type)) return { kind: "unknown", type };
  try {
    const r = KnownEvent.safeParse(raw);
    return r.success ? { kind: "event", event: r.data } : { kind: "malformed", type, why: describeIssues(r.error.issues) };
  } catch (err) {
    // safeParse reports schema failures as values, but lets a throw inside a refine or transform through.
    return { kind: "malformed", type, why: `decoder error: ${String(err)}` };
  }
}

/** A short, log-friendly account of what failed, e.g. `properties.part.state.output: expected string`. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.slice(0, 3).map(issue => {
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    if (issue.code === "invalid_union") {
      return `${where}${issue.errors.map(branch => describeIssues(branch)).join(" | or | ")}`;
    }
    return `${where}${issue.message}`;
  }).join("; ");
}
