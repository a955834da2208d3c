import { Emitter } from "../common/emitter";
import { delay } from "../common/async";
import { pumpEvents } from "../protocol/eventSource";
import type { Endpoint } from "../protocol/http";
import { maxFrameChars } from "../protocol/sse";
import { errorText } from "../common/errorText";

export type ConnectionState =
  | { kind: "connecting" }
  | { kind: "connected"; since: number }
  | { kind: "reconnecting"; attempt: number; inMs: number; lastError: string }
  | { kind: "closed" };

type EventStreamOptions = {
  /** The server to connect to; may start it. Called again before every reconnect (it may have moved). */
  endpoint: () => Promise<Endpoint>;
  directory: string;
  onData: (data: string) => void;
  /**
   * Runs after every (re)connect, once frames can no longer be missed: the stream does not replay,
   * so this re-reads pending asks and the sessions in view over REST (the seeds' reconnect sweep).
   */
  onConnected: () => Promise<void>;
  log: (line: string) => void;
  /** opencode sends a heartbeat every 10 s; two missed ones mean a dead connection. */
  heartbeatTimeoutMs?: number;
  backoff?: { baseMs: number; maxMs: number };
};

/**
 * One folder's `/event?directory=` subscription, kept alive: reconnects with capped exponential
 * backoff, treats two missed heartbeats as a dead connection, and sweeps state after each connect.
 * Its state is observable so the UI can show "reconnecting…".
 */
export class EventStream {
  #state: ConnectionState = { kind: "connecting" };
  #stopped = new AbortController();
  #current: AbortController | undefined;
  #lastFrameAt = 0;
  #dropped = 0;
  #watchdog: NodeJS.Timeout | undefined;
  #connected: Promise<void>;
  #resolveConnected!: () => void;
  readonly #changed = new Emitter<ConnectionState>();
  readonly onDidChangeState = this.#changed.event;

  constructor(private readonly o: EventStreamOptions) {
    this.#connected = new Promise(r => { this.#resolveConnected = r; });
    void this.#run();
  }

  get state(): ConnectionState { return this.#state; }

  /** Frames skipped for being over SseDecoder's size cap, over all connections. */
  get droppedFrames(): number { return this.#dropped; }

  /** Resolves once the stream is connected and swept: subscribe before the first prompt. */
  whenConnected(): Promise<void> { return this.#connected; }

  /** Drops the current connection (e.g. the window regained focus after a sleep); it reconnects. */
  reconnect(): void { this.#current?.abort(new Error("reconnect requested")); }

  dispose(): void {
    this.#stopped.abort(new Error("closed"));
    this.#current?.abort(new Error("closed"));
    clearInterval(this.#watchdog);
    this.#set({ kind: "closed" });
    this.#changed.dispose();
  }

  async #run(): Promise<void> {
    const heartbeatTimeoutMs = this.o.heartbeatTimeoutMs ?? 25_000;
    const backoff = this.o.backoff ?? { baseMs: 250, maxMs: 10_000 };
    this.#watchdog = setInterval(() => {
      if (this.#state.kind === "connected" && Date.now() - this.#lastFrameAt > heartbeatTimeoutMs) {
        this.o.log(`no event or heartbeat for ${heartbeatTimeoutMs} ms: reconnecting`);
        this.#current?.abort(new Error("heartbeat timeout"));
      }
    }, Math.min(5_000, heartbeatTimeoutMs / 2));
    this.#watchdog.unref?.();
    let attempt = 0;
    while (!this.#stopped.signal.aborted) {
      const connection = new AbortController();
      this.#current = connection;
      try {
        const ep = await this.o.endpoint();
        await pumpEvents(ep, this.o.directory, connection.signal, data => {
          this.#lastFrameAt = Date.now();
          this.o.onData(data);
        }, () => {
          attempt = 0;
          this.#lastFrameAt = Date.now();
          this.#set({ kind: "connected", since: Date.now() });
          void this.o.onConnected().then(() => this.#resolveConnected(), err => {
            this.o.log(`state sweep after connect failed: ${err}`);
            this.#resolveConnected();
          });
        }, chars => {
          // The stream goes on without it; what it held (say a part snapshot) is missing until the
          // next REST load of that session.
          this.#dropped++;
          this.o.log(`dropped oversized frame (${chars} characters, over the ${maxFrameChars} cap; ${this.#dropped} so far)`);
        });
      } catch (err) {
        if (this.#stopped.signal.aborted) break;
        attempt++;
        const inMs = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1));
        const lastError = errorText(err);
        this.o.log(`event stream for ${this.o.directory} lost (${lastError}); reconnect ${attempt} in ${inMs} ms`);
        this.#set({ kind: "reconnecting", attempt, inMs, lastError });
        await delay(inMs, this.#stopped.signal).catch(() => undefined);
      }
    }
  }

  #set(s: ConnectionState): void {
    this.#state = s;
    this.#changed.fire(s);
  }
}
