import { Emitter } from "../common/emitter";
import type { PromptPartInput } from "../protocol/rest";
import type { PromptOptions } from "./client";

/**
 * `command`: a `/name args` prompt, run with the command endpoint instead of as text. `failedSince`:
 * an earlier send failed, starting at that time (ms since the epoch); it may have reached the server.
 */
export type HeldPrompt = { id: string; text: string; parts: PromptPartInput[]; options: PromptOptions; command?: { name: string; args: string }; failedSince?: number };

/**
 * Prompts the user sent while their session was busy, held by the extension and sent one at a time
 * after each turn. opencode's own queue would merge them into one reply, and an abort drops them
 * silently; held here they stay visible, editable and removable.
 *
 * Pure bookkeeping: the owner calls `next` when a session goes idle and sends what it returns.
 * `dispatched` guards the double `session.idle` opencode sends after errors and aborts: after a
 * prompt went out, further idles are ignored until the session has been busy again.
 */
export class HeldPrompts {
  readonly #bySession = new Map<string, HeldPrompt[]>();
  readonly #dispatched = new Set<string>();
  readonly #changed = new Emitter<string>();
  /** Fires with the session id whenever its held list changes. */
  readonly onDidChange = this.#changed.event;
  #seq = 0;

  list(sessionID: string): readonly HeldPrompt[] { return this.#bySession.get(sessionID) ?? []; }

  hold(sessionID: string, prompt: Omit<HeldPrompt, "id">): HeldPrompt {
    const held = { ...prompt, id: `held-${++this.#seq}` };
    this.#bySession.set(sessionID, [...this.list(sessionID), held]);
    this.#changed.fire(sessionID);
    return held;
  }

  /** Replaces a held prompt's text (its other parts stay). False if it was already sent or removed. */
  edit(sessionID: string, id: string, text: string): boolean {
    const list = this.list(sessionID);
    const i = list.findIndex(p => p.id === id);
    if (i < 0) return false;
    const parts = list[i].parts.map(p => (p.type === "text" ? { ...p, text } : p));
    this.#bySession.set(sessionID, list.map((p, j) => (j === i ? { ...p, text, parts } : p)));
    this.#changed.fire(sessionID);
    return true;
  }

  remove(sessionID: string, id: string): HeldPrompt | undefined {
    const list = this.list(sessionID);
    const found = list.find(p => p.id === id);
    if (found) this.#set(sessionID, list.filter(p => p !== found));
    return found;
  }

  /** Everything held for the session, removed (Stop hands them back to the composer). */
  takeAll(sessionID: string): HeldPrompt[] {
    const list = [...this.list(sessionID)];
    if (list.length) this.#set(sessionID, []);
    return list;
  }

  /** The session is busy again (or the dispatch failed): the next idle may send the next prompt. */
  busy(sessionID: string): void { this.#dispatched.delete(sessionID); }

  /** On idle: the next prompt to send, removed from the list, or undefined. */
  next(sessionID: string): HeldPrompt | undefined {
    if (this.#dispatched.has(sessionID)) return undefined;
    const [first, ...rest] = this.list(sessionID);
    if (!first) return undefined;
    this.#dispatched.add(sessionID);
    this.#set(sessionID, rest);
    return first;
  }

  dispose(): void { this.#changed.dispose(); }

  #set(sessionID: string, list: HeldPrompt[]): void {
    if (list.length) this.#bySession.set(sessionID, list);
    else this.#bySession.delete(sessionID);
    this.#changed.fire(sessionID);
  }
}
