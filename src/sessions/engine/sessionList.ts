import { Emitter } from "../../common/emitter";
import type { KnownEvent } from "../../protocol/events";
import type { Session } from "../../protocol/session";
import type { SessionPage, SessionPageQuery } from "../../protocol/sessionList";
import { isModelCheckSession } from "../../models/engine/checkModel";

/** Where the list reads from: the folder's server (OpencodeApi's session list block). */
export type SessionListSource = {
  sessionPage(q: SessionPageQuery): Promise<SessionPage>;
  sessionChildren(id: string): Promise<Session[]>;
};

/** Sessions per request: a screenful or two; "Load more" asks for the next. */
export const sessionPageSize = 50;

const newestFirst = (a: Session, b: Session) => b.time.updated - a.time.updated || (a.id < b.id ? 1 : -1);
/** A Check Model session lives for seconds and is never a conversation; archived ones are not listed by opencode. */
const listable = (s: Session) => !isModelCheckSession(s.title) && s.time.archived === undefined;

/**
 * One folder's top-level sessions, newest-updated first, read a page at a time on demand and
 * filtered by the server's title search. Events keep it current without re-listing; `reload`
 * re-reads what was loaded (events are per server process: a TUI or another window's server sends
 * none here). Sub-agent sessions are read per parent on demand.
 */
export class SessionList {
  readonly #roots = new Map<string, Session>();
  readonly #children = new Map<string, Map<string, Session>>();
  /** Parents known to have sub-agents (seen in events or a children read) without reading them all. */
  readonly #parents = new Set<string>();
  #sorted: Session[] | undefined;
  #next: number | undefined;
  #loaded = false;
  #search = "";
  /** Answers to a request made before a newer search or reload are dropped. */
  #generation = 0;
  readonly #changed = new Emitter<void>();
  readonly onDidChange = this.#changed.event;

  constructor(private readonly source: SessionListSource, private readonly pageSize = sessionPageSize) {}

  /** Loaded top-level sessions, newest-updated first. */
  get sessions(): readonly Session[] {
    return this.#sorted ??= [...this.#roots.values()].sort(newestFirst);
  }
  get loaded(): boolean { return this.#loaded; }
  /** More pages wait on the server. */
  get hasMore(): boolean { return this.#next !== undefined; }
  get search(): string { return this.#search; }

  /** The first page, once. */
  async ensureLoaded(): Promise<void> { if (!this.#loaded) await this.reload(); }

  /** The next page after those loaded. */
  async loadMore(): Promise<void> {
    if (this.#loaded && this.#next === undefined) return;
    const generation = this.#generation;
    const page = await this.source.sessionPage({ limit: this.pageSize, cursor: this.#next, search: this.#search || undefined });
    if (generation !== this.#generation) return;
    this.#merge(page.sessions);
    this.#next = page.next;
    this.#loaded = true;
    this.#fire();
  }

  /** Filters by title on the server (empty: every session); the pages start over. */
  async setSearch(search: string): Promise<void> {
    this.#search = search.trim();
    this.#clear();
    await this.reload();
  }

  /** Re-reads as many sessions as were loaded (at least one page), replacing them: picks up work done elsewhere. */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    const limit = Math.max(this.pageSize, this.#roots.size);
    const page = await this.source.sessionPage({ limit, search: this.#search || undefined });
    if (generation !== this.#generation) return;
    this.#roots.clear();
    this.#merge(page.sessions);
    this.#next = page.next;
    this.#loaded = true;
    for (const parent of this.#children.keys()) if (!this.#roots.has(parent)) this.#children.delete(parent);
    this.#fire();
  }

  /** Whether `id` may have sub-agent sessions, as far as this window knows without asking. */
  mayHaveChildren(id: string): boolean { return this.#parents.has(id); }

  /** The parent's sub-agent sessions, read from the server (and kept current by events afterwards). */
  async childrenOf(parentID: string): Promise<readonly Session[]> {
    const kids = await this.source.sessionChildren(parentID);
    const map = new Map(kids.filter(listable).map(s => [s.id, s]));
    this.#children.set(parentID, map);
    if (map.size) this.#parents.add(parentID);
    return [...map.values()].sort(newestFirst);
  }

  /** Children read so far (for a view that re-renders without asking the server again). */
  knownChildren(parentID: string): readonly Session[] | undefined {
    const map = this.#children.get(parentID);
    return map && [...map.values()].sort(newestFirst);
  }

  /** Applies one event of the folder's stream; returns whether the list changed. */
  apply(e: KnownEvent): boolean {
    switch (e.type) {
      case "session.created": case "session.updated": return this.#upsert(e.properties.info);
      case "session.deleted": return this.#remove(e.properties.info);
      // The status lives in the folder model; the view re-renders the row it concerns.
      case "session.status": return this.#roots.has(e.properties.sessionID) || this.#isChild(e.properties.sessionID);
      default: return false;
    }
  }

  /** Parents whose sub-agents were seen; seeds `mayHaveChildren` from sessions known elsewhere. */
  noteParents(sessions: Iterable<Session>): void {
    for (const s of sessions) if (s.parentID) this.#parents.add(s.parentID);
  }

  dispose(): void { this.#generation++; this.#changed.dispose(); }

  #upsert(s: Session): boolean {
    if (s.parentID) {
      this.#parents.add(s.parentID);
      const kids = this.#children.get(s.parentID);
      if (!kids) return this.#roots.has(s.parentID); // its parent's row may now expand
      if (listable(s)) kids.set(s.id, s); else kids.delete(s.id);
      this.#fire();
      return true;
    }
    const had = this.#roots.has(s.id);
    const fits = listable(s) && this.#matches(s.title) && (this.#next === undefined || s.time.updated > this.#next || had);
    if (!fits) {
      if (!had) return false;
      this.#roots.delete(s.id);
    } else this.#roots.set(s.id, s);
    this.#fire();
    return true;
  }

  #remove(s: Session): boolean {
    const kids = s.parentID ? this.#children.get(s.parentID) : undefined;
    const removed = this.#roots.delete(s.id) || !!kids?.delete(s.id);
    this.#children.delete(s.id);
    if (removed) this.#fire();
    return removed;
  }

  #isChild(id: string): boolean { return [...this.#children.values()].some(m => m.has(id)); }

  #matches(title: string): boolean { return !this.#search || title.toLowerCase().includes(this.#search.toLowerCase()); }

  #merge(sessions: readonly Session[]): void {
    for (const s of sessions) if (listable(s)) this.#roots.set(s.id, s);
    this.#sorted = undefined;
  }

  #clear(): void {
    this.#generation++;
    this.#roots.clear();
    this.#children.clear();
    this.#next = undefined;
    this.#loaded = false;
    this.#fire();
  }

  #fire(): void {
    this.#sorted = undefined;
    this.#changed.fire();
  }
}
