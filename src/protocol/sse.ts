import { createParser, type EventSourceParser } from "eventsource-parser";

/**
 * Turns the raw bytes of a `text/event-stream` body into the data of each frame, whatever the
 * chunking: a frame, a line ending or a multi-byte UTF-8 character may be split across chunks
 * (opencode's frames carry model output in any script). One decoder per connection.
 */
export class SseDecoder {
  readonly #parser: EventSourceParser;
  // stream:true holds back the bytes of an incomplete character until the next chunk completes it.
  readonly #utf8 = new TextDecoder();

  constructor(onData: (data: string) => void) {
    this.#parser = createParser({ onEvent: message => onData(message.data) });
  }

  feed(chunk: Uint8Array): void {
    this.#parser.feed(this.#utf8.decode(chunk, { stream: true }));
  }
}
