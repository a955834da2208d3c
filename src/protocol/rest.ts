// REST bodies the extension sends and reads. Responses are parsed like events:
// unknown keys are dropped, so a newer server still fits.
import { z } from "zod";
import { Message } from "./message";
import { Part } from "./parts";
import { SessionStatus } from "./session";

/** `GET /session/{id}/message` items and the answer of the blocking `POST /session/{id}/message`. */
export const MessageWithParts = z.object({ info: Message, parts: z.array(Part) });
export type MessageWithParts = z.infer<typeof MessageWithParts>;

/** `GET /session/status`: only sessions that are not idle are listed (`{}` when nothing runs). */
export const SessionStatusMap = z.record(z.string(), SessionStatus);
export type SessionStatusMap = z.infer<typeof SessionStatusMap>;

/** `GET /config/providers`: the configured providers and their models (only what the panel uses). */
export const ProviderList = z.object({
  providers: z.array(z.object({
    id: z.string(),
    name: z.string().optional(),
    models: z.record(z.string(), z.object({ name: z.string().optional(), limit: z.object({ context: z.number().optional() }).optional() }).passthrough()),
  }).passthrough()),
  default: z.record(z.string(), z.string()).optional(),
}).passthrough();
export type ProviderList = z.infer<typeof ProviderList>;

/** A part of a prompt. A `file://` file part makes opencode inline the file as synthetic text parts. */
export const PromptPartInput = z.discriminatedUnion("type", [
  /** `synthetic`: sent to the model, hidden by chat views (ours and opencode's own). */
  z.object({ type: z.literal("text"), text: z.string(), synthetic: z.boolean().optional() }),
  z.object({ type: z.literal("file"), mime: z.string(), url: z.string(), filename: z.string().optional() }),
]);
export type PromptPartInput = z.infer<typeof PromptPartInput>;

/** `POST /session/{id}/prompt_async` (204 at once) and `POST /session/{id}/message` (blocks). */
export const PromptBody = z.object({
  parts: z.array(PromptPartInput),
  /** Sticks to the session for later prompts, even an invalid one. */
  model: z.object({ providerID: z.string(), modelID: z.string() }).optional(),
  agent: z.string().optional(),
  /** Store the user message without calling the model. */
  noReply: z.boolean().optional(),
  /** One of the model's variants (`/config/providers` lists them, e.g. reasoning effort); the assistant message records it. */
  variant: z.string().optional(),
});
export type PromptBody = z.infer<typeof PromptBody>;

/**
 * Parses a JSON array item by item, so one item a newer server shapes differently drops only that
 * item (counted in `dropped`) instead of hiding the whole list. A body that is not an array yields
 * no items and counts as one dropped item.
 */
export function decodeList<T extends z.ZodType>(item: T, raw: unknown): { items: z.infer<T>[]; dropped: number } {
  if (!Array.isArray(raw)) return { items: [], dropped: 1 };
  const items: z.infer<T>[] = [];
  for (const entry of raw) {
    const r = item.safeParse(entry);
    if (r.success) items.push(r.data);
  }
  return { items, dropped: raw.length - items.length };
}
