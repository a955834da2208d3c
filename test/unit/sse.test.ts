import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { SseDecoder } from "../../src/protocol/sse";
import { pumpEvents, StreamEndedError } from "../../src/protocol/eventSource";
import { loadFixture } from "./recordedFixtures";

/** mulberry32: a small seeded PRNG, so a failing split can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nonAscii = JSON.stringify({ id: "evt_x", type: "message.part.delta",
  properties: { sessionID: "ses_1", messageID: "msg_1", partID: "prt_1", field: "text", delta: "héllo ✓ 日本 🎉" } });
const frames = [...loadFixture("a-text").streams.get("event")!, nonAscii];
const bytes = new TextEncoder().encode(frames.map(d => `data: ${d}\n\n`).join(""));

/** Offsets that fall inside a multi-byte UTF-8 sequence (continuation bytes are 0b10xxxxxx). */
const insideCharacters = [...bytes.keys()].filter(i => (bytes[i] & 0xc0) === 0x80);
/** Offsets between the two newlines that end a frame. */
const insideFrameEnds = [...bytes.keys()].filter(i => bytes[i - 1] === 0x0a && bytes[i] === 0x0a);

function decodeSplit(cuts: number[]): string[] {
  const out: string[] = [];
  const decoder = new SseDecoder(d => out.push(d));
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    decoder.feed(bytes.subarray(from, cut));
    from = cut;
  }
  decoder.feed(bytes.subarray(from));
  return out;
}

describe("SseDecoder", () => {
  it("decodes the whole stream into the frames' data", () => {
    assert.ok(insideCharacters.length >= 10 && insideFrameEnds.length === frames.length);
    assert.deepEqual(decodeSplit([]), frames);
  });

  it("gives the same frames however the bytes are split (200 seeded random splits)", () => {
    const random = prng(0x5eed);
    const pick = (list: number[]) => list[Math.floor(random() * list.length)];
    for (let i = 0; i < 200; i++) {
      const cuts = Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * bytes.length));
      cuts.push(pick(insideCharacters), pick(insideFrameEnds));
      assert.deepEqual(decodeSplit(cuts), frames, `iteration ${i}, cuts ${JSON.stringify(cuts)}`);
    }
  });

  it("gives the same frames fed one byte at a time", () => {
    assert.deepEqual(decodeSplit([...bytes.keys()]), frames);
  });
});

describe("pumpEvents", () => {
  it("hands over each frame's data from real chunked HTTP, then rejects with StreamEndedError", async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const body = Buffer.from(`data: ${frames[0]}\n\ndata: ${nonAscii}\n\n`);
      const split = body.indexOf(Buffer.from("日")) + 1; // cut inside a three-byte character
      res.write(body.subarray(0, split));
      setTimeout(() => res.end(body.subarray(split)), 20);
    });
    await new Promise<void>(ok => server.listen(0, "127.0.0.1", ok));
    try {
      const got: string[] = [];
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await assert.rejects(pumpEvents({ baseUrl }, "/some/folder", AbortSignal.timeout(5_000), d => got.push(d)), StreamEndedError);
      assert.deepEqual(got, [frames[0], nonAscii]);
    } finally {
      server.close();
    }
  });
});
