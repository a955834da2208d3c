import { Emitter, type Event } from "../../common/emitter";
import { Disposable } from "../../common/lifecycle";
import type { Action } from "../../protocol/reducer";
import type { Session } from "../../protocol/session";

/** A session's revert marker changed: `messageID` is where it is reverted to now (undefined: not reverted). */
export type RevertChange = { sessionID: string; messageID: string | undefined };

/** What the watcher needs of a FolderSession. */
type RevertSource = { readonly onDidChange: Event<Action> };

/**
 * Per folder: tells when a session is reverted, reverted further, unreverted, or its revert is
 * cleaned up by the next prompt. Each of these rewrites files on disk (opencode restores its
 * snapshots before it sends the session's update), so the review's changes of that session are
 * stale at once. A session first seen reverted counts as a change: its files may be under review.
 */
export class SessionReverts extends Disposable {
  readonly #marks = new Map<string, string | undefined>();
  readonly #changed = this.register(new Emitter<RevertChange>());
  readonly onDidChange = this.#changed.event;

  constructor(source: RevertSource) {
    super();
    this.register(source.onDidChange(a => {
      if (a.kind === "sessions") a.sessions.forEach(s => this.#see(s));
      else if (a.kind === "event" && (a.event.type === "session.updated" || a.event.type === "session.created")) this.#see(a.event.properties.info);
      else if (a.kind === "event" && a.event.type === "session.deleted") this.#marks.delete(a.event.properties.info.id);
    }));
  }

  #see(info: Session): void {
    const messageID = info.revert?.messageID;
    const before = this.#marks.get(info.id);
    this.#marks.set(info.id, messageID);
    if (before !== messageID) this.#changed.fire({ sessionID: info.id, messageID });
  }
}
