// What opencode asks the user while a tool waits: permissions and questions.
// The same objects come in `permission.asked` / `question.asked` and from `GET /permission` /
// `GET /question` (the reconnect sweep).
import { z } from "zod";
import { bounded } from "./bounded";

/** The tool call an ask belongs to. */
const ToolRef = z.object({ messageID: z.string(), callID: z.string() });

export const PermissionRequest = z.object({
  /** "per_…"; reply with `POST /permission/{id}/reply`. */
  id: z.string(),
  sessionID: z.string(),
  /** "edit" (write and edit tools), "bash", "external_directory", … */
  permission: z.string(),
  /** What is asked for: paths relative to the folder, or bash command prefixes. */
  patterns: z.array(z.string()).default(() => []),
  /** edit: {filepath, diff}; bash: {command}; external_directory: {filepath, parentDir}. */
  metadata: z.record(z.string(), z.unknown()).transform(bounded).default(() => ({})),
  /** What an "always" reply approves for the rest of this server process, e.g. ["*"] or ["echo *"]. */
  always: z.array(z.string()).default(() => []),
  tool: ToolRef.optional(),
});
export type PermissionRequest = z.infer<typeof PermissionRequest>;

export const PermissionReply = z.enum(["once", "always", "reject"]);
export type PermissionReply = z.infer<typeof PermissionReply>;

const QuestionInfo = z.object({
  question: z.string(),
  /** A very short label (max 30 chars per spec). */
  header: z.string().default(""),
  options: z.array(z.object({ label: z.string(), description: z.string().default("") })).default(() => []),
  /** Several labels may be picked. */
  multiple: z.boolean().optional(),
  /** A free-text answer is allowed. */
  custom: z.boolean().optional(),
});

export const QuestionRequest = z.object({
  /** "que_…"; answer with `POST /question/{id}/reply` or dismiss with `…/reject`. */
  id: z.string(),
  sessionID: z.string(),
  questions: z.array(QuestionInfo),
  tool: ToolRef.optional(),
});
export type QuestionRequest = z.infer<typeof QuestionRequest>;
