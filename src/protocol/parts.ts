// Message parts as opencode 1.18.33 sends them. Each `message.part.updated` carries a full
// snapshot of one part. Part types this file does not know (the spec lists subtask, agent,
// snapshot, retry, compaction…) decode as an UnknownPart instead of failing the whole event.
import { z } from "zod";
import { Tokens } from "./message";
import { bounded, boundString } from "./bounded";

const ids = { id: z.string(), sessionID: z.string(), messageID: z.string() };
const Span = z.object({ start: z.number(), end: z.number().optional() });
/**
 * Tool input and metadata are free-form per tool (write: {filePath, content}, bash: {command}…).
 * Checked as "an object" and kept as is: z.record would copy every key of every tool snapshot.
 * Bounded in depth and size (see bounded.ts): a model may nest its arguments thousands deep.
 */
const Fields = z.custom<Record<string, unknown>>(v => typeof v === "object" && v !== null && !Array.isArray(v), "expected an object")
  .transform(v => bounded(v));
/** A tool's output or error text, cut if oversized. */
const Text = z.string().transform(boundString);

const TextPart = z.object({
  ...ids,
  type: z.literal("text"),
  /** Grows through `message.part.delta` while streaming; the final snapshot has the full text. */
  text: z.string(),
  /** Added by opencode itself, e.g. the file content it inlined for a file part. */
  synthetic: z.boolean().optional(),
  ignored: z.boolean().optional(),
  time: Span.optional(),
});

const ReasoningPart = z.object({ ...ids, type: z.literal("reasoning"), text: z.string(), time: Span.optional() });

/** pending → running (input complete; may wait for a permission or question) → completed | error. */
const ToolState = z.discriminatedUnion("status", [
  z.object({ status: z.literal("pending"), input: Fields.default(() => ({})), raw: z.string().optional() }),
  z.object({
    status: z.literal("running"),
    input: Fields,
    title: z.string().optional(),
    metadata: Fields.optional(),
    time: z.object({ start: z.number() }),
  }),
  z.object({
    status: z.literal("completed"),
    input: Fields,
    output: Text,
    title: z.string().default(""),
    metadata: Fields.default(() => ({})),
    time: z.object({ start: z.number(), end: z.number() }),
  }),
  z.object({
    status: z.literal("error"),
    input: Fields.default(() => ({})),
    /** e.g. "The user rejected permission to use this specific tool call." or "Tool execution aborted". */
    error: Text,
    metadata: Fields.optional(),
    time: z.object({ start: z.number(), end: z.number() }),
  }),
]);

export const ToolPart = z.object({
  ...ids,
  type: z.literal("tool"),
  /** Tool name: write, edit, read, bash, question, todowrite… */
  tool: z.string(),
  /** The model's tool-call id; permission and question asks point at it. */
  callID: z.string(),
  state: ToolState,
});

const StepStartPart = z.object({ ...ids, type: z.literal("step-start"), snapshot: z.string().optional() });

const StepFinishPart = z.object({
  ...ids,
  type: z.literal("step-finish"),
  /** "stop" | "tool-calls". */
  reason: z.string().default(""),
  snapshot: z.string().optional(),
  cost: z.number().default(0),
  tokens: Tokens,
});

/** Files a step changed (absolute paths), with the snapshot hash to revert to. */
const PatchPart = z.object({ ...ids, type: z.literal("patch"), hash: z.string(), files: z.array(z.string()) });

const FilePart = z.object({
  ...ids,
  type: z.literal("file"),
  mime: z.string(),
  /** `file:///abs/path` for attached workspace files. */
  url: z.string(),
  filename: z.string().optional(),
});

const KnownPart = z.discriminatedUnion("type", [TextPart, ReasoningPart, ToolPart, StepStartPart, StepFinishPart, PatchPart, FilePart]);
const knownPartTypes = new Set<string>(KnownPart.options.map(o => o.shape.type.value));

/**
 * A part of a type this build does not render. It keeps the server's type in `originalType` and
 * every field in `raw`, so a view can still say what it is. A known type that fails its schema is
 * not turned into this: the refine aborts, and the event is reported as malformed.
 */
const UnknownPart = z.looseObject({
  ...ids,
  type: z.string().refine(t => !knownPartTypes.has(t), { message: "a known part type that does not match its schema", abort: true }),
}).transform(raw => ({
  id: raw.id, sessionID: raw.sessionID, messageID: raw.messageID,
  type: "unknown" as const, originalType: raw.type, raw: bounded(raw as Record<string, unknown>),
}));

export const Part = z.union([KnownPart, UnknownPart]);
export type Part = z.infer<typeof Part>;
export type ToolPart = z.infer<typeof ToolPart>;
