// Random SSE byte streams built from the recorded opencode streams, run through the host's whole
// path: SseDecoder → decodeEvent → reduce → Pager (view and actions, and the webview's copy that
// applies them) → structuredClone → snapshot. Used by fuzz.test.ts (a few thousand streams in the
// unit tier) and test/fuzz.ts (`npm run fuzz`, 100,000). A stream is a pure function of its seed
// and index, so a failure names both and FUZZ_SEED replays it.
import { decodeEvent } from "../../src/protocol/events";
import { reduce, type Action } from "../../src/protocol/reducer";
import { actionForSession } from "../../src/protocol/sessionOf";
import { SseDecoder } from "../../src/protocol/sse";
import { createFolderState, findSession, snapshot, type FolderState } from "../../src/protocol/state";
import { Pager } from "../../src/shared/paging";
import { fixtureNames, folderStreams, loadFixture } from "./recordedFixtures";

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, list: readonly T[]): T => list[int(r, list.length)];
const chance = (r: Random, p: number) => r() < p;

/** The frames' data of every recorded folder stream, read once. */
let sources: string[][] | undefined;
function recorded(): string[][] {
  sources ??= fixtureNames().flatMap(name => folderStreams(loadFixture(name)).map(([, frames]) => frames)).filter(f => f.length > 0);
  return sources;
}

const knownTypes = ["message.updated", "message.part.updated", "message.part.delta", "session.status", "session.idle",
  "session.error", "session.updated", "session.deleted", "permission.asked", "question.asked", "todo.updated", "message.removed"];
const wrongValues: unknown[] = [42, -1, "", "str", null, true, [], {}, [1, "x"], { type: "x" }, 1e308];
const badBytes = [[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0x80], [0xe6, 0x97], [0xf0, 0x9f, 0x8e], [0xed, 0xa0, 0x80]];

/** Every path to a value inside `v` (up to a few hundred), for a mutation to aim at. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (out.length > 300 || typeof v !== "object" || v === null) return out;
  for (const [k, x] of Object.entries(v)) {
    const p = [...at, Array.isArray(v) ? Number(k) : k];
    out.push(p);
    paths(x, p, out);
  }
  return out;
}

/** The frame with one value replaced by one of the wrong type, removed, or its type swapped. */
function wrongTyped(r: Random, data: string): string {
  let o: unknown;
  try { o = JSON.parse(data); } catch { return data; }
  if (typeof o !== "object" || o === null) return data;
  if (chance(r, 0.2)) return JSON.stringify({ ...o, type: pick(r, knownTypes) });
  const all = paths(o);
  if (!all.length) return data;
  const p = pick(r, all);
  let parent = o as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  if (chance(r, 0.2)) delete parent[p.at(-1)!];
  else parent[p.at(-1)!] = pick(r, wrongValues);
  return JSON.stringify(o);
}

/** A tool part of the stream's first message, its input nested deeper than anything can copy. */
function deepTool(r: Random, frames: string[]): string | undefined {
  let info: { id?: unknown; sessionID?: unknown } | undefined;
  for (const f of frames) {
    try { info = (JSON.parse(f) as { properties?: { info?: typeof info } }).properties?.info; } catch { continue; }
    if (typeof info?.id === "string" && typeof info.sessionID === "string" && f.includes('"message.updated"')) break;
    info = undefined;
  }
  if (!info) return undefined;
  const depth = 1000 + int(r, 9000);
  const input = `{"a":${"[".repeat(depth)}0${"]".repeat(depth)}}`;
  return `{"type":"message.part.updated","properties":{"part":{"id":"prt_zzfuzz${int(r, 1000)}","sessionID":${JSON.stringify(info.sessionID)},` +
    `"messageID":${JSON.stringify(info.id)},"type":"tool","tool":"bash","callID":"c","state":{"status":"running","input":${input},"time":{"start":1}}}}}`;
}

/** The frames of one stream: a recording, reordered, with duplicates, strays and broken frames. */
function frames(r: Random): string[] {
  const whole = pick(r, recorded());
  // Often a prefix only: shorter streams, more of them in the same time.
  const out = whole.slice(0, chance(r, 0.5) ? 1 + int(r, whole.length) : whole.length);
  for (let i = int(r, 4); i > 0; i--) {
    const a = int(r, out.length), b = chance(r, 0.7) ? Math.min(out.length - 1, a + 1) : int(r, out.length);
    [out[a], out[b]] = [out[b], out[a]];
  }
  const insert = (f: string) => out.splice(int(r, out.length + 1), 0, f);
  for (let i = int(r, 3); i > 0; i--) insert(pick(r, out));
  for (let i = int(r, 3); i > 0; i--) insert(JSON.stringify({ id: "evt_fuzz", type: `fuzz.${int(r, 5)}`, properties: { x: int(r, 9) } }));
  for (let i = int(r, 4); i > 0; i--) { const k = int(r, out.length); out[k] = wrongTyped(r, out[k]); }
  for (let i = int(r, 2); i > 0; i--) insert(pick(r, ["{not json", "", "null", "[]", "42", '{"type":7}', '"str"', "{}"]));
  if (chance(r, 0.05)) { const d = deepTool(r, out); if (d) insert(d); }
  return out;
}

/** The frames as SSE bytes: random line endings and field lines, bad UTF-8, perhaps cut short. */
function bytes(r: Random, list: string[]): Uint8Array {
  const eol = pick(r, ["\n", "\n", "\r\n", "\r"]);
  let text = "";
  for (const data of list) {
    if (chance(r, 0.05)) text += `: comment${eol}`;
    if (chance(r, 0.05)) text += `event: message${eol}id: ${int(r, 1e6)}${eol}`;
    // Two data lines join with "\n": still JSON between tokens, malformed inside a string.
    const cut = chance(r, 0.05) ? int(r, data.length) : -1;
    text += cut < 0 ? `data: ${data}${eol}${eol}` : `data: ${data.slice(0, cut)}${eol}data:${data.slice(cut)}${eol}${eol}`;
  }
  let b = new TextEncoder().encode(text);
  if (chance(r, 0.3)) {
    const spots = Array.from({ length: 1 + int(r, 4) }, () => int(r, b.length)).sort((x, y) => x - y);
    const parts: number[] = [];
    let from = 0;
    for (const s of spots) { parts.push(...b.subarray(from, s), ...pick(r, badBytes)); from = s; }
    b = Uint8Array.from([...parts, ...b.subarray(from)]);
  }
  if (chance(r, 0.2)) b = b.subarray(0, int(r, b.length));
  return b;
}

export type FuzzStats = { streams: number; bytes: number; frames: number; events: number; unknown: number; malformed: number; dropped: number; views: number };
export const emptyStats = (): FuzzStats => ({ streams: 0, bytes: 0, frames: 0, events: 0, unknown: 0, malformed: 0, dropped: 0, views: 0 });

/** Runs stream `index` of `seed` through the whole path. Throws, naming both, if anything escapes. */
export function fuzzStream(seed: number, index: number, stats: FuzzStats): void {
  const r = prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  try {
    const input = bytes(r, frames(r));
    const host = createFolderState();
    const pager = new Pager({ messages: 2 + int(r, 6), parts: 5 + int(r, 40) }, { messages: 3, parts: 20 });
    let inView: string | undefined, webview: FolderState | undefined;
    const show = () => {
      const session = inView && findSession(host, inView);
      if (!session) return;
      const v = pager.view(inView!, session);
      webview = { sessions: { [inView!]: v.session }, deletedSessionIDs: [] };
      JSON.stringify(v);
      stats.views++;
    };
    const decoder = new SseDecoder(data => {
      stats.frames++;
      const d = decodeEvent(data);
      if (d.kind !== "event") return void stats[d.kind]++;
      stats.events++;
      const action: Action = { kind: "event", event: d.event };
      reduce(host, action);
      inView ??= Object.keys(host.sessions)[0];
      const own = inView && actionForSession(action, inView);
      const out = own && pager.action(own, findSession(host, inView!));
      if (out === "state" || (out && !webview)) show();
      else if (out && webview) reduce(webview, structuredClone(out));
    }, () => stats.dropped++);
    for (let at = 0; at < input.length;) {
      const n = 1 + int(r, chance(r, 0.5) ? 16 : 4096);
      decoder.feed(input.subarray(at, at + n));
      at += n;
      if (chance(r, 0.05)) show();
    }
    show();
    JSON.stringify(snapshot(structuredClone(host)));
    if (webview) JSON.stringify(structuredClone(webview));
    stats.streams++;
    stats.bytes += input.length;
  } catch (err) {
    throw new Error(`fuzz stream ${index} of seed ${seed} (replay: FUZZ_SEED=${seed}): ${(err as Error)?.stack ?? err}`);
  }
}

/** The seed from FUZZ_SEED, else a fresh random one. */
export function randomSeed(): number {
  const asked = process.env.FUZZ_SEED;
  return asked !== undefined && asked !== "" ? Number(asked) >>> 0 : Math.floor(Math.random() * 2 ** 32);
}
