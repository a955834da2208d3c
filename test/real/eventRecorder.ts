import { pumpEvents } from "../../src/protocol/eventSource";
import type { Endpoint } from "../../src/protocol/http";

// Test-side view of raw events; the extension's own typed decoding lives in src/protocol.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawEvent = { type: string; properties: any };

/** Records every event of one `/event?directory=` stream so tests can wait for and inspect them. */
export class EventRecorder {
  readonly events: RawEvent[] = [];
  #waiters: { match: (e: RawEvent) => boolean; resolve: (e: RawEvent) => void }[] = [];
  #abort = new AbortController();

  private constructor() {}

  static async open(ep: Endpoint, directory: string): Promise<EventRecorder> {
    const r = new EventRecorder();
    await new Promise<void>((opened, failed) => {
      pumpEvents(ep, directory, r.#abort.signal, data => r.#push(JSON.parse(data)), opened).catch(err => {
        if (!r.#abort.signal.aborted) failed(err);
      });
    });
    // The stream delivers server.connected first; wait for it so nothing published later is missed.
    await r.waitFor(e => e.type === "server.connected", 10_000);
    return r;
  }

  #push(e: RawEvent): void {
    this.events.push(e);
    this.#waiters = this.#waiters.filter(w => (w.match(e) ? (w.resolve(e), false) : true));
  }

  of(sessionId: string, type: string): RawEvent[] {
    return this.events.filter(e => e.type === type && e.properties?.sessionID === sessionId);
  }

  /** The first recorded or future event that matches. */
  waitFor(match: (e: RawEvent) => boolean, timeoutMs = 60_000): Promise<RawEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; saw: ${this.events.map(e => e.type).slice(-30).join(", ")}`)), timeoutMs);
      this.#waiters.push({ match, resolve: e => { clearTimeout(timer); resolve(e); } });
    });
  }

  close(): void { this.#abort.abort(); }
}
