// Sessions, their run status, their file diffs and todo lists.
import { z } from "zod";
import { Tokens } from "./message";

export const Session = z.object({
  id: z.string(),
  title: z.string().default(""),
  /** The absolute folder the session belongs to; one server serves many folders. */
  directory: z.string().optional(),
  projectID: z.string().optional(),
  slug: z.string().optional(),
  /** Set on child sessions (subagents); forks have none. */
  parentID: z.string().optional(),
  version: z.string().optional(),
  /** Agent and model stick to the session once a prompt named them. */
  agent: z.string().optional(),
  model: z.object({ id: z.string(), providerID: z.string(), variant: z.string().optional() }).optional(),
  summary: z.object({ additions: z.number(), deletions: z.number(), files: z.number() }).optional(),
  /** Present while the session is reverted to `messageID`; the messages stay until the next prompt. */
  revert: z.object({
    messageID: z.string(),
    partID: z.string().optional(),
    snapshot: z.string().optional(),
    diff: z.string().optional(),
  }).optional(),
  cost: z.number().optional(),
  tokens: Tokens.optional(),
  time: z.object({ created: z.number(), updated: z.number(), archived: z.number().optional() }),
});
export type Session = z.infer<typeof Session>;

/** `busy` is re-sent several times per turn; `retry` counts attempts while the provider fails. */
export const SessionStatus = z.discriminatedUnion("type", [
  z.object({ type: z.literal("idle") }),
  z.object({ type: z.literal("busy") }),
  z.object({
    type: z.literal("retry"),
    /** 1-based; opencode 1.18.33 gives up after attempt 5 with a `session.error`. */
    attempt: z.number(),
    message: z.string().default(""),
    /** Epoch ms of the next attempt. */
    next: z.number(),
  }),
]);
export type SessionStatus = z.infer<typeof SessionStatus>;

/**
 * One file of a `session.diff` or `GET /session/{id}/diff` (spec: SnapshotFileDiff). opencode 1.18.33
 * sends `session.diff` with an empty list during turns; the GET with a user message id has the files.
 */
export const FileDiff = z.object({
  /** Relative to the git repository root (which may be above the folder). */
  file: z.string(),
  /** Unified diff ("Index: f", "--- f", "+++ f", hunks), from the snapshot before the turn to after it. */
  patch: z.string().optional(),
  additions: z.number().default(0),
  deletions: z.number().default(0),
  /** "added" | "deleted" | "modified" per spec. */
  status: z.string().optional(),
});
export type FileDiff = z.infer<typeof FileDiff>;

export const Todo = z.object({
  content: z.string(),
  /** "pending" | "in_progress" | "completed" | "cancelled" per spec; kept open for newer servers. */
  status: z.string(),
  /** "high" | "medium" | "low" per spec. */
  priority: z.string().optional(),
});
export type Todo = z.infer<typeof Todo>;
