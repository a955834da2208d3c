
/**
 * Per session, the files that left the review with no change left since its last turn ended: a
 * revert takes files back to their baselines, and an unrevert puts the agent's text back, so these
 * are the files whose changes may come back when the session's revert marker is cleared. Kept from
 * the turn's end, not only while the session is reverted: VS Code may reload an open file from the
 * revert's disk write before opencode's update says the session is reverted.
 */
export class LeftReview<F extends { readonly sessionID: string }> {
  readonly #bySession = new Map<string, Map<string, F>>();

  /** `keyOf`: which file it is (its uri), so a file that leaves twice is kept once. */
  constructor(private readonly keyOf: (f: F) => string) {}

  /** The file has no change left (reverted, undone, typed back): out of review for now. */
  left(f: F): void {
    const files = this.#bySession.get(f.sessionID) ?? new Map<string, F>();
    this.#bySession.set(f.sessionID, files.set(this.keyOf(f), f));
  }

  /** A new turn of the session ended: what left before it cannot come back by an unrevert. */
  turnEnded(sessionID: string): void { this.#bySession.delete(sessionID); }

  /**
   * The session's revert marker was cleared (an unrevert, or the next prompt's cleanup): the files to
   * check against the disk again, handed over once.
   */
  markerCleared(sessionID: string): F[] {
    const files = [...this.#bySession.get(sessionID)?.values() ?? []];
    this.#bySession.delete(sessionID);
    return files;
  }

  forgetSession(sessionID: string): void { this.#bySession.delete(sessionID); }

  forgetWhere(gone: (f: F) => boolean): void {
    for (const [sessionID, files] of this.#bySession) {
      for (const [key, f] of files) if (gone(f)) files.delete(key);
      if (!files.size) this.#bySession.delete(sessionID);
    }
  }
}
