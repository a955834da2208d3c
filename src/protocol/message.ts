// Message infos as opencode 1.18.33 sends them in `message.updated` and in REST `{info, parts}`
// bodies. z.object drops unknown keys, which is how a newer server is tolerated.
import { z } from "zod";
import { bounded } from "./bounded";

/** Token usage of one step, one message or one session. `total` is absent until a step finishes. */
export const Tokens = z.object({
  total: z.number().optional(),
  input: z.number(),
  output: z.number(),
  reasoning: z.number().default(0),
  cache: z.object({ read: z.number(), write: z.number() }).default(() => ({ read: 0, write: 0 })),
});
export type Tokens = z.infer<typeof Tokens>;

/**
 * An error as opencode reports it on a session (`session.error`) or an assistant message.
 * Names seen: MessageAbortedError, APIError, UnknownError; the spec lists more, so `name` stays a
 * string. `data` keeps every field (responseBody, metadata…) for a details view.
 */
export const MessageError = z.object({
  name: z.string(),
  data: z.looseObject({
    message: z.string().optional(),
    /** APIError only: the provider's HTTP status. */
    statusCode: z.number().optional(),
    /** APIError only: whether opencode retried (it did, up to 5 attempts). */
    isRetryable: z.boolean().optional(),
  }).transform(bounded).optional(),
});
export type MessageError = z.infer<typeof MessageError>;

const UserMessage = z.object({
  id: z.string(),
  sessionID: z.string(),
  role: z.literal("user"),
  time: z.object({ created: z.number() }),
  /** The agent the prompt was sent to ("build", "plan"…). */
  agent: z.string().optional(),
  model: z.object({ providerID: z.string(), modelID: z.string(), variant: z.string().optional() }).optional(),
  /**
   * How many files the turn changed, by opencode's snapshot (`summary.diffs`: always `[]` outside a
   * git repository). The message.updated that carries it is the reliable sign that the turn's diff is
   * stored (test/real/editBaseline.test.ts). Only the count is kept: the whole-file patches are read
   * with GET /session/{id}/diff when a review needs them, and stay out of the model and the webview.
   */
  summary: z.object({ diffs: z.array(z.unknown()).default(() => []) }).transform(s => ({ files: s.diffs.length })).optional(),
});

export const AssistantMessage = z.object({
  id: z.string(),
  sessionID: z.string(),
  role: z.literal("assistant"),
  /** The user message this one answers. */
  parentID: z.string().optional(),
  /** `completed` is set when the turn step ends, also on errors and aborts; absent while streaming. */
  time: z.object({ created: z.number(), completed: z.number().optional() }),
  /** Lands in a `message.updated` that comes after the first `session.idle`. */
  error: MessageError.optional(),
  /** "stop" for a final answer, "tool-calls" when the model called tools and another message follows. */
  finish: z.string().optional(),
  agent: z.string().optional(),
  mode: z.string().optional(),
  modelID: z.string().optional(),
  providerID: z.string().optional(),
  path: z.object({ cwd: z.string(), root: z.string() }).optional(),
  cost: z.number().default(0),
  tokens: Tokens.default(() => ({ input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } })),
});
export type AssistantMessage = z.infer<typeof AssistantMessage>;

export const Message = z.discriminatedUnion("role", [UserMessage, AssistantMessage]);
export type Message = z.infer<typeof Message>;
