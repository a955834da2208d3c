// One page of `GET /experimental/session`, as opencode 1.18.33 answers it.
import { decodeList } from "./rest";
import { Session } from "./session";

/**
 * Sessions newest-updated first, `limit` of them; `next` (the `x-next-cursor` header, absent on the
 * last page) is the `time.updated` of the page's last session: the next page holds those updated
 * strictly before it. `search` matches titles only, case-insensitively. `dropped`: items a newer
 * server shaped differently.
 */
export type SessionPage = { sessions: Session[]; next?: number; dropped: number };

/** What a caller may ask of one page. */
export type SessionPageQuery = { limit: number; cursor?: number; search?: string };

/** The query string of one page of the folder's top-level sessions (sub-agents sit under their parent). */
export function sessionPageQuery(q: SessionPageQuery): Record<string, string> {
  return {
    roots: "true", limit: String(q.limit),
    ...(q.cursor !== undefined ? { cursor: String(q.cursor) } : {}),
    ...(q.search ? { search: q.search } : {}),
  };
}

export function decodeSessionPage(body: unknown, header: string | string[] | undefined): SessionPage {
  const { items, dropped } = decodeList(Session, body);
  const raw = Array.isArray(header) ? header[0] : header;
  const next = raw !== undefined && raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
  return { sessions: items, next, dropped };
}
