import { createParser, type EventSourceParser } from "eventsource-parser";

/**
 * The longest frame kept, in characters of decoded text (UTF-16 code units; for opencode's JSON
 * about one byte each). A real opencode frame carries at most one whole message part (a tool's
 * output, a file it read): a few MB. 16 Mi leaves a wide margin above that, while a server that
 * never ends a frame costs at most this much memory (twice, for a moment, while the parser joins
 * the pieces of a line) instead of all it sends.
 */
export const maxFrameChars = 16 * 1024 * 1024;

/**
 * The parser is fed at most this much at a time, and the cap is checked before each slice goes
 * in, so it never holds more of one frame than the cap. The parser rescans to the end of its
 * input for a CR on every line once it has seen one; CRs are turned into LFs before it, and the
 * slices bound that rescan anyway. 64 KiB is what a socket read usually brings.
 */
const sliceChars = 64 * 1024;

/**
 * Turns the raw bytes of a `text/event-stream` body into the data of each frame, whatever the
 * chunking: a frame, a line ending or a multi-byte UTF-8 character may be split across chunks
 * (opencode's frames carry model output in any script). One decoder per connection.
 *
 * A frame that grows past `maxFrameChars` is dropped: the decoder skips to the next frame
 * boundary (an empty line) and carries on from there, counting it in `dropped` and telling
 * `onDropped` (once the frame passed the cap, with what it had so far) so the caller can log it.
 */
export class SseDecoder {
  readonly #parser: EventSourceParser;
  // stream:true holds back the bytes of an incomplete character until the next chunk completes it.
  readonly #utf8 = new TextDecoder();
  /** Frames dropped for their size so far. */
  dropped = 0;
  /** The last text ended in CR: the next may start with the LF of the same CRLF. */
  #cr = false;
  /** The last character handed on was a LF (the stream starts at a line start, too). */
  #lf = true;
  /** Characters of the frame in progress handed on so far. */
  #frame = 0;
  /** Skipping the rest of an oversized frame, up to the next empty line. */
  #skipping = false;

  constructor(onData: (data: string) => void, private readonly onDropped?: (chars: number) => void) {
    this.#parser = createParser({ onEvent: message => onData(message.data) });
  }

  feed(chunk: Uint8Array): void {
    const text = this.#lineFeeds(this.#utf8.decode(chunk, { stream: true }));
    for (let i = 0; i < text.length; i += sliceChars) this.#take(text.slice(i, i + sliceChars));
  }

  /**
   * The text with every line ending (CRLF, CR, LF: all legal) as one LF, a trailing CR held back
   * until the next text says whether a LF follows it. Frame boundaries are then "\n\n" only.
   */
  #lineFeeds(text: string): string {
    if (this.#cr) text = `\r${text}`;
    this.#cr = text.endsWith("\r");
    if (this.#cr) text = text.slice(0, -1);
    return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  }

  #take(s: string): void {
    const first = this.#firstEnd(s);
    if (this.#skipping || (first > 0 && this.#frame + first > maxFrameChars)) {
      // The rest of an oversized frame, or the end of one that passes the cap right here.
      if (first < 0) return this.#after(s);
      if (!this.#skipping) this.#drop(this.#frame + first);
      this.#skipping = false;
      this.#frame = 0;
      this.#lf = true;
      s = s.slice(first);
    }
    // What follows the last frame boundary in `s` is the frame in progress.
    const last = this.#lastEnd(s);
    const frame = last ? s.length - last : this.#frame + s.length;
    if (frame <= maxFrameChars) {
      this.#parser.feed(s);
      this.#frame = frame;
      return this.#after(s);
    }
    // The frame in progress outgrows the cap: finish the frames before it, and skip the rest of
    // it (`s` holds no later boundary).
    if (last) this.#parser.feed(s.slice(0, last));
    this.#drop(frame);
    this.#skipping = true;
    this.#after(s);
  }

  /** Forgets what the parser holds of the frame in progress, and says so. */
  #drop(chars: number): void {
    this.#parser.reset();
    this.dropped++;
    this.onDropped?.(chars);
  }

  /** Where the first empty line in `s` ends, or -1. */
  #firstEnd(s: string): number {
    if (this.#lf && s.startsWith("\n")) return 1;
    const i = s.indexOf("\n\n");
    return i < 0 ? -1 : i + 2;
  }

  /** Where the last empty line in `s` ends, or 0. */
  #lastEnd(s: string): number {
    const i = s.lastIndexOf("\n\n");
    return i >= 0 ? i + 2 : this.#lf && s.startsWith("\n") ? 1 : 0;
  }

  /** Remembers whether `s` ended a line (an empty rest changes nothing). */
  #after(s: string): void {
    if (s) this.#lf = s.endsWith("\n");
  }
}
