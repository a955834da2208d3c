// The pieces of the chaos test: a seeded random source (a failing seed can be replayed), the fake
// model's replies keyed by each turn's own tag (so a turn cut off by a kill cannot shift the script
// of the next one), and the "user" who answers every ask the folder model presents.
import * as path from "node:path";
import { text, tools, type Handler } from "../../fakes/fakeModel";
import type { FolderSession } from "../../../src/conversation/folderSession";

/** mulberry32: small, seedable, good enough to pick moments. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type TurnKind = "text" | "bash" | "write";
export const turnTag = (n: number, kind: TurnKind) => `chaos-turn-${n}-${kind}`;
/** The text a turn's last reply streams, in chunks so that cuts can land between them. */
export const replyChunks = (n: number, kind: TurnKind) => kind === "text"
  ? ["Reply ", `to turn ${n} `, "in ", "several ", "streamed ", "chunks."]
  : [`Turn ${n} `, `ran its ${kind} `, "call."];
export const replyText = (n: number, kind: TurnKind) => replyChunks(n, kind).join("");

/**
 * Replies from the request itself: the tag in the last user message names the turn, and the tool
 * results after it tell the step. A tool turn first calls its tool (which asks), then answers.
 */
export function chaosModel(workspace: string): Handler {
  return req => {
    const messages = req.body.messages ?? [];
    const lastUser = messages.map(m => m.role).lastIndexOf("user");
    const tag = /chaos-turn-(\d+)-(text|bash|write)/.exec(JSON.stringify(messages[lastUser]?.content ?? ""));
    if (!tag) return text("(no chaos turn in the request)");
    const n = Number(tag[1]), kind = tag[2] as TurnKind;
    const step = messages.slice(lastUser + 1).filter(m => m.role === "tool").length;
    if (kind === "text" || step > 0) return { kind: "text", chunks: replyChunks(n, kind), delayMs: 10 };
    return kind === "bash"
      ? tools({ name: "bash", args: { command: `echo ${n} > bash-${n}.txt`, description: `turn ${n}` } })
      : tools({ name: "write", args: { filePath: path.join(workspace, `write-${n}.txt`), content: `turn ${n}\n` } });
  };
}

export type Attempt = { result: string; epoch: number };
export type AskRecord = { id: string; sessionID: string; epoch: number; attempts: Attempt[]; settled: string[] };

/**
 * The user: answers each ask the folder model presents with "once", through the product's client,
 * and records every attempt with its outcome and the server generation it happened in. A failed
 * send is tried again while the ask is still shown. Asks of a session on `hold` wait until
 * `release`, which answers them even if no longer shown (a click on a picker that was already open).
 */
export class ChaosUser {
  readonly asks = new Map<string, AskRecord>();
  readonly #inFlight = new Set<string>();
  readonly #held = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #disposed = false;

  constructor(private readonly fsn: FolderSession, private readonly epoch: () => number) {
    fsn.asks.onDidAdd(a => {
      if (!this.asks.has(a.ask.id)) this.asks.set(a.ask.id, { id: a.ask.id, sessionID: a.ask.sessionID, epoch: epoch(), attempts: [], settled: [] });
      this.#answer(a.ask.id, false);
    });
    fsn.asks.onDidSettle(({ id, reason }) => this.asks.get(id)?.settled.push(reason));
  }

  get answering(): number { return this.#inFlight.size; }

  hold(sessionID: string): void { this.#held.add(sessionID); }

  release(sessionID: string): void {
    this.#held.delete(sessionID);
    for (const r of this.asks.values()) if (r.sessionID === sessionID && !r.attempts.length) this.#answer(r.id, true);
  }

  heldAsk(sessionID: string): AskRecord | undefined {
    return [...this.asks.values()].find(r => r.sessionID === sessionID && !r.attempts.length);
  }

  dispose(): void { this.#disposed = true; for (const t of this.#timers) clearTimeout(t); }

  #answer(id: string, force: boolean): void {
    const r = this.asks.get(id)!;
    if (this.#disposed || this.#inFlight.has(id) || this.#held.has(r.sessionID)) return;
    if (!force && !this.fsn.asks.get(id)) return;
    this.#inFlight.add(id);
    this.fsn.client.replyPermission(id, "once").then(result => {
      r.attempts.push({ result, epoch: this.epoch() });
      this.#inFlight.delete(id);
    }, err => {
      r.attempts.push({ result: `error: ${String(err?.message ?? err).slice(0, 120)}`, epoch: this.epoch() });
      this.#inFlight.delete(id);
      // The user tries again after a moment: a forced answer until it gets an outcome, otherwise while the ask is shown.
      const t = setTimeout(() => { this.#timers.delete(t); this.#answer(id, force); }, 200);
      this.#timers.add(t);
    });
  }
}
