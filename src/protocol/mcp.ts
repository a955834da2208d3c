// opencode's MCP server endpoints: the status of each configured server and its OAuth answers.
// Parsed like events: a status this version does not know is kept as "unknown" with its raw name,
// so a newer server still lists every MCP server instead of failing the whole answer.
import { z } from "zod";

/** One MCP server's state as `GET /mcp` reports it (opencode 1.18.33's five statuses, and any newer one). */
export type McpStatus =
  | { status: "connected" }
  | { status: "disabled" }
  /** The server could not be started or reached; `error` is opencode's text (e.g. "MCP error -32000: Connection closed"). */
  | { status: "failed"; error: string }
  /** A remote server that wants OAuth: `POST /mcp/{name}/auth/authenticate` runs the flow. */
  | { status: "needs_auth" }
  /** A remote server whose OAuth needs a client id opencode could not register by itself. */
  | { status: "needs_client_registration"; error: string }
  | { status: "unknown"; raw: string; error?: string };

const Known = z.discriminatedUnion("status", [
  z.object({ status: z.literal("connected") }),
  z.object({ status: z.literal("disabled") }),
  z.object({ status: z.literal("failed"), error: z.string().default("") }),
  z.object({ status: z.literal("needs_auth") }),
  z.object({ status: z.literal("needs_client_registration"), error: z.string().default("") }),
]);
const AnyStatus = z.object({ status: z.string(), error: z.string().optional() });

/** One status; undefined when the value is not even `{ status: string }`. */
export function decodeMcpStatus(raw: unknown): McpStatus | undefined {
  const known = Known.safeParse(raw);
  if (known.success) return known.data;
  const any = AnyStatus.safeParse(raw);
  return any.success ? { status: "unknown", raw: any.data.status, ...(any.data.error ? { error: any.data.error } : {}) } : undefined;
}

/** `GET /mcp` (and `POST /mcp`): `{ [name]: status }`. Entries that are not statuses at all are dropped. */
export function decodeMcpStatusMap(raw: unknown): Record<string, McpStatus> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
  const out: Record<string, McpStatus> = {};
  for (const [name, value] of Object.entries(raw)) {
    const status = decodeMcpStatus(value);
    if (status) out[name] = status;
  }
  return out;
}

