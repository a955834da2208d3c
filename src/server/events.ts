import { request } from "undici";
import { createParser } from "eventsource-parser";
import { HttpError } from "../common/errors";
import { authHeader, type Endpoint } from "./http";

export class StreamEndedError extends Error {
  constructor() { super("the event stream ended"); this.name = "StreamEndedError"; }
}

/**
 * Reads one SSE connection to `/event?directory=…` and hands each frame's data to `sink` until the
 * stream ends (rejects with StreamEndedError) or `signal` aborts. It does not reconnect: the caller
 * owns reconnects and the state re-fetch that must follow them, because opencode does not replay.
 */
export async function pumpEvents(ep: Endpoint, directory: string | undefined, signal: AbortSignal,
  sink: (data: string) => void, onOpen?: () => void): Promise<never> {
  const url = new URL("/event", ep.baseUrl);
  if (directory) url.searchParams.set("directory", directory);
  const res = await request(url, { signal, headers: { accept: "text/event-stream", ...authHeader(ep.credentials) } });
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new HttpError(res.statusCode, "GET /event");
  }
  onOpen?.();
  const parser = createParser({ onEvent: m => sink(m.data) });
  // undici yields Buffers; a streaming decoder keeps multi-byte UTF-8 split across chunks intact.
  const utf8 = new TextDecoder();
  for await (const chunk of res.body) parser.feed(utf8.decode(chunk as Buffer, { stream: true }));
  throw new StreamEndedError();
}
