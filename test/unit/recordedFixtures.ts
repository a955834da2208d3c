// Reads the SSE recordings in test/fixtures/events (real opencode 1.18.33 against a scripted model):
// line 1 is a header; then `{t, stream, data}` frames; `marker` and `streamEnded` lines are notes.
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../paths";
import { decodeEvent, type KnownEvent } from "../../src/protocol/events";

export const fixtureDir = path.join(repoRoot, "test", "fixtures", "events");

export type Fixture = {
  name: string;
  header: Record<string, unknown> & { sessionID?: string; workspace?: string; notes?: Record<string, unknown> };
  /** Per stream: the data string of each frame, in arrival order, as an SSE decoder would hand it over. */
  streams: Map<string, string[]>;
};

export function loadFixture(name: string): Fixture {
  const [first, ...rest] = fs.readFileSync(path.join(fixtureDir, `${name}.jsonl`), "utf8").split("\n").filter(Boolean);
  const streams = new Map<string, string[]>();
  for (const line of rest) {
    const o = JSON.parse(line) as { stream?: string; data?: unknown; marker?: unknown; streamEnded?: unknown };
    if (o.marker !== undefined || o.streamEnded !== undefined || o.stream === undefined) continue;
    const list = streams.get(o.stream) ?? streams.set(o.stream, []).get(o.stream)!;
    list.push(JSON.stringify(o.data));
  }
  return { name, header: JSON.parse(first), streams };
}

export const fixtureNames = (): string[] =>
  fs.readdirSync(fixtureDir).filter(f => f.endsWith(".jsonl")).map(f => f.slice(0, -".jsonl".length)).sort();

/**
 * The `/event?directory=` streams of a recording: "event" in the scenario files, "event-…" in
 * multi-directory (one per way of naming the folder). `/global/event` frames are a different shape.
 */
export const folderStreams = (f: Fixture): [string, string[]][] => [...f.streams].filter(([name]) => name === "event" || name.startsWith("event-"));

/** The known events of one stream, decoded; throws if a frame is malformed (tests assert on that elsewhere). */
export function knownEvents(frames: string[]): KnownEvent[] {
  const events: KnownEvent[] = [];
  for (const data of frames) {
    const d = decodeEvent(data);
    if (d.kind === "malformed") throw new Error(`malformed ${d.type}: ${d.why}`);
    if (d.kind === "event") events.push(d.event);
  }
  return events;
}
