import { request } from "undici";
import { HttpError } from "../common/errors";
import { authHeader, type Endpoint } from "./http";
import { SseDecoder } from "./sse";

export class StreamEndedError extends Error {
  constructor() { super("the event stream ended"); this.name = "StreamEndedError"; }
}

/**
 * Reads one SSE connection to `/event?directory=…` and hands each frame's data to `sink` until the
 * stream ends (rejects with StreamEndedError) or `signal` aborts. It does not reconnect: the caller
 * owns reconnects and the state re-fetch that must follow them, because opencode does not replay.
 * A frame over SseDecoder's cap is skipped and reported to `onDropped` (its size so far, in characters).
 */
export async function pumpEvents(ep: Endpoint, directory: string | undefined, signal: AbortSignal,
  sink: (data: string) => void, onOpen?: () => void, onDropped?: (chars: number) => void): Promise<never> {
  const url = new URL("/event", ep.baseUrl);
  if (directory) url.searchParams.set("directory", directory);
  const res = await request(url, { signal, headers: { accept: "text/event-stream", ...authHeader(ep.credentials) } });
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new HttpError(res.statusCode, "GET /event");
  }
  onOpen?.();
  const decoder = new SseDecoder(sink, onDropped);
  for await (const chunk of res.body) decoder.feed(chunk as Buffer);
  throw new StreamEndedError();
}
