import { promises as fs } from "node:fs";
import { LineSplitter, parseRunLine, type RunLine } from "./runLines";

export type LogTailOptions = {
  /** Delay between polls (ms). Default 200. */
  intervalMs?: number;
  /** Bytes read per poll, so a flood is read in steps rather than all at once. Default 64 KiB. */
  maxBytesPerTick?: number;
  /** Lines passed to `onLines` per poll. Default 200. */
  maxLinesPerTick?: number;
  /** Lines waiting for delivery; beyond this the oldest droppable ones go (see `dropped`). Default 5000. */
  maxQueuedLines?: number;
  /** Gets what `onLines` threw and read errors other than a missing file. Default: ignored. */
  onError?: (err: unknown) => void;
};

/** Kept even in a flood: each one changes what the user sees or can open. Progress and chatter may go. */
const KEPT: ReadonlySet<RunLine["kind"]> = new Set(["done", "error", "deliverable", "attention", "browser"]);
/** The start of the log is kept (up to this much) to tell an append from a rewrite by the agent's write tool. */
const HEAD_BYTES = 2 * 1024 * 1024;
/** The last bytes read, compared on each growth: a cheap check that what came before was not edited. */
const SENTINEL_BYTES = 64;
const NEWLINE = 0x0a;

type Queued = { line: string; n: number; keep: boolean };

/**
 * Follows a run's log file as the agent writes it and delivers whole lines, in order, in bounded batches.
 * Polls with setTimeout: fs.watch misses writes on some platforms and editors, and a poll every 200 ms is cheap.
 * The file is opened per poll, never held: on Windows an open handle would stop the agent replacing it.
 *
 * Agents write the log in three ways, all handled: appending (`>>`), rewriting the whole file with a write or
 * edit tool (same bytes first, new lines after: delivery continues after the last line already read), and
 * replacing it with different text (delivery starts again from the first line that differs).
 */
export class LogTail {
  readonly #intervalMs: number;
  readonly #maxBytes: number;
  readonly #maxLines: number;
  readonly #maxQueued: number;
  readonly #onError: (err: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #disposed = false;
  #chain: Promise<void> = Promise.resolve();
  // What has been read of the current file.
  #ino: number | undefined;
  #offset = 0;
  #head: Buffer[] = [];
  #headLen = 0;
  #sentinel = Buffer.alloc(0);
  #decoder = new TextDecoder("utf-8");
  #splitter = new LineSplitter();
  #lines = 0;
  /** The stat of a file seen shrunk to a prefix of what was read: unchanged, it is not compared again. */
  #waitingOn: string | undefined;
  #queue: Queued[] = [];
  #dropped = 0;

  constructor(private readonly file: string, private readonly onLines: (lines: string[]) => void, o: LogTailOptions = {}) {
    this.#intervalMs = o.intervalMs ?? 200;
    this.#maxBytes = o.maxBytesPerTick ?? 64 * 1024;
    this.#maxLines = o.maxLinesPerTick ?? 200;
    this.#maxQueued = o.maxQueuedLines ?? 5000;
    this.#onError = o.onError ?? (() => undefined);
  }

  /** Starts polling; the first poll comes after one interval. */
  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    const next = (): void => {
      // unref: a tail someone forgot to dispose must not keep a Node process alive.
      this.#timer = setTimeout(() => void this.poll().catch(() => undefined).then(() => { if (!this.#disposed) next(); }), this.#intervalMs).unref();
    };
    next();
  }

  /** One step: reads up to maxBytesPerTick new bytes and delivers up to maxLinesPerTick lines. Rejects only if onError throws. */
  poll(): Promise<void> {
    return this.#serial(false);
  }

  /** Reads to the current end of the file and delivers every queued line (in batches). */
  drain(): Promise<void> {
    return this.#serial(true);
  }

  /**
   * The writer is done (its run ended): reads to the end, delivers every line, the text after the
   * last line break included (an agent's `DONE: x` written without a newline), and stops the tail.
   * Until then that text waits, since the writer may still be writing the line.
   */
  finish(): Promise<void> {
    return this.#serial(true, true);
  }

  /** Lines never delivered because a flood overfilled the queue. Normally 0. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Text after the last line break: not a line until its line break comes, or `finish`. */
  get partialLine(): string | undefined {
    return this.#splitter.pending;
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
  }

  /** One step at a time: a timer poll and a drain must not read the same bytes twice. */
  #serial(all: boolean, final = false): Promise<void> {
    const step = this.#chain.then(async () => {
      if (this.#disposed) return;
      try {
        await this.#read(all);
      } catch (err) {
        this.#onError(err);
      }
      if (final) {
        // The decoder's held bytes too: a character cut off at the very end becomes U+FFFD, not nothing.
        for (const line of this.#splitter.push(this.#decoder.decode())) this.#enqueue(line);
        const last = this.#splitter.flush();
        if (last !== undefined) this.#enqueue(last);
      }
      this.#deliver(all);
      if (final) this.dispose();
    });
    this.#chain = step.catch(() => undefined);
    return step;
  }

  async #read(all: boolean): Promise<void> {
    let fh: fs.FileHandle;
    try {
      fh = await fs.open(this.file, "r");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return; // not written yet, or being replaced: next poll
      throw err;
    }
    try {
      const st = await fh.stat();
      if (!(await this.#sameFile(fh, st))) return;
      for (let budget = all ? Infinity : this.#maxBytes; budget > 0 && this.#offset < st.size;) {
        const bytes = await readAt(fh, this.#offset, Math.min(budget, st.size - this.#offset, this.#maxBytes));
        if (bytes.length === 0) break; // truncated since the stat: the next poll sorts it out
        this.#consume(bytes);
        budget -= bytes.length;
      }
    } finally {
      await fh.close();
    }
  }

  /**
   * Whether reading may go on from the current offset; restarts first if the file was rewritten with other text.
   * False means wait: the file shrank to a prefix of what was read, as it does while a tool rewrites it.
   */
  async #sameFile(fh: fs.FileHandle, st: { ino: number; size: number; mtimeMs: number }): Promise<boolean> {
    const known = this.#ino;
    this.#ino = st.ino;
    if (known === undefined || (st.ino === known && st.size === this.#offset && !this.#waitingOn)) return true;
    const tailSame = st.size >= this.#offset && (await readAt(fh, this.#offset - this.#sentinel.length, this.#sentinel.length)).equals(this.#sentinel);
    if (st.ino === known && tailSame) {
      this.#waitingOn = undefined;
      return true; // the usual case: appended to
    }
    const key = `${st.ino}:${st.size}:${st.mtimeMs}`;
    if (key === this.#waitingOn) return false;
    const head = Buffer.concat(this.#head);
    this.#head = [head];
    const same = commonPrefix(head, await readAt(fh, 0, Math.min(st.size, head.length)));
    if (same === head.length && tailSame) {
      this.#waitingOn = undefined;
      return true; // rewritten or replaced, keeping everything read: go on where we were
    }
    if (same === st.size && st.size < this.#offset) {
      this.#waitingOn = key;
      return false;
    }
    this.#restartAt(head, same === 0 ? 0 : head.lastIndexOf(NEWLINE, same - 1) + 1);
    return true;
  }

  /** Starts reading again at `at`, a line start: lines before it were the same, so they are not delivered twice. */
  #restartAt(head: Buffer, at: number): void {
    let before = 0;
    for (let i = head.indexOf(NEWLINE); i !== -1 && i < at; i = head.indexOf(NEWLINE, i + 1)) before++;
    // Queued lines from the replaced text are stale; they are read again from the new text.
    this.#queue = this.#queue.filter(q => q.n < before);
    this.#lines = before;
    this.#offset = at;
    this.#head = [Buffer.from(head.subarray(0, at))];
    this.#headLen = at;
    this.#sentinel = Buffer.from(head.subarray(Math.max(0, at - SENTINEL_BYTES), at));
    this.#decoder = new TextDecoder("utf-8");
    this.#splitter = new LineSplitter();
    this.#waitingOn = undefined;
  }

  #consume(bytes: Buffer): void {
    this.#offset += bytes.length;
    if (this.#headLen < HEAD_BYTES) {
      const part = Buffer.from(bytes.subarray(0, HEAD_BYTES - this.#headLen));
      this.#head.push(part);
      this.#headLen += part.length;
    }
    const tail = bytes.length >= SENTINEL_BYTES ? bytes : Buffer.concat([this.#sentinel, bytes]);
    this.#sentinel = Buffer.from(tail.subarray(Math.max(0, tail.length - SENTINEL_BYTES)));
    // stream: true keeps a character whose bytes straddle two reads for the next decode.
    for (const line of this.#splitter.push(this.#decoder.decode(bytes, { stream: true }))) this.#enqueue(line);
    let excess = this.#queue.length - this.#maxQueued;
    if (excess <= 0) return;
    // Oldest first: in a flood, old progress matters least. Kept lines stay even past the limit; they are few.
    this.#queue = this.#queue.filter(q => {
      if (excess <= 0 || q.keep) return true;
      excess--;
      this.#dropped++;
      return false;
    });
  }

  #enqueue(line: string): void {
    this.#queue.push({ line, n: this.#lines++, keep: KEPT.has(parseRunLine(line).kind) });
  }

  #deliver(all: boolean): void {
    do {
      if (this.#queue.length === 0 || this.#disposed) return;
      const batch = this.#queue.splice(0, this.#maxLines).map(q => q.line);
      try {
        this.onLines(batch);
      } catch (err) {
        this.#onError(err); // a consumer's bug must not stop the tail
      }
    } while (all);
  }
}

/** Reads up to `length` bytes at `position`; fewer at the end of the file. */
async function readAt(fh: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let n = 0;
  for (let r = 1; r > 0 && n < length; n += r) r = (await fh.read(buf, n, length - n, position + n)).bytesRead;
  return n === length ? buf : buf.subarray(0, n);
}

function commonPrefix(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
