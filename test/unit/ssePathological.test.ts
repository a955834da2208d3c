// Streams no real server sends, but a broken or hostile one could: a frame that never ends, and a
// bare CR (a legal line ending) in a large chunk. Work is measured by ratios against the
// well-behaved case in the same run, or by retained heap, never by absolute times.
import * as assert from "node:assert/strict";
import { SseDecoder, maxFrameChars } from "../../src/protocol/sse";
import { liveHeap, MB } from "./heap";

const encode = (s: string) => new TextEncoder().encode(s);
const frame = (i: number) => JSON.stringify({ type: "message.part.delta", properties: { i, delta: "x".repeat(40) } });

/** The fastest of `runs` runs of `fn`, in ms: the least disturbed by GC and other work. */
function fastest(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe("SseDecoder on pathological streams", function () {
  this.timeout(60_000);

  it("drops a 300 MB frame that never ends with bounded heap, says so, and resynchronises", () => {
    const got: string[] = [];
    const dropped: number[] = [];
    const decoder = new SseDecoder(d => got.push(d), chars => dropped.push(chars));
    decoder.feed(encode(`data: ${frame(1)}\n\n`));
    const mb = encode("x".repeat(MB));
    const before = liveHeap();
    decoder.feed(encode("data: "));
    for (let i = 0; i < 300; i++) decoder.feed(mb);
    const growth = liveHeap() - before;
    // The empty line that ends it comes split across two chunks.
    decoder.feed(encode("\n"));
    decoder.feed(encode(`\ndata: ${frame(2)}\n\n`));
    assert.ok(growth < 2.5 * maxFrameChars, `retained ${(growth / MB).toFixed(0)} MB while fed a 300 MB line`);
    assert.deepEqual(got, [frame(1), frame(2)]);
    assert.equal(dropped.length, 1, "one dropped frame reported");
    assert.ok(dropped[0] > maxFrameChars, `it reports how much was dropped (${dropped[0]})`);
    assert.equal(decoder.dropped, 1);
  });

  it("keeps frames just under the cap, and the frames around a dropped one", () => {
    const got: string[] = [];
    const decoder = new SseDecoder(d => got.push(d));
    const big = "y".repeat(maxFrameChars - 100);
    const tooBig = "z".repeat(maxFrameChars + 1);
    decoder.feed(encode(`data: ${big}\n\ndata: ${frame(1)}\n\ndata: ${tooBig}\n\ndata: ${frame(2)}\n\n`));
    assert.equal(got.length, 3);
    assert.ok(got[0] === big && got[1] === frame(1) && got[2] === frame(2));
    assert.equal(decoder.dropped, 1);
  });

  it("decodes a 4 MB chunk with a stray CR about as fast as the same bytes in 64 KB chunks", () => {
    const frames = Array.from({ length: 40_000 }, (_, i) => frame(i));
    // One bare CR ends the first line (legal SSE); every other line ends with LF.
    const text = `: hello\r${frames.map(f => `data: ${f}\n\n`).join("")}`;
    const bytes = encode(text);
    assert.ok(bytes.length > 4 * MB);
    const decode = (chunk: number) => {
      const got: string[] = [];
      const decoder = new SseDecoder(d => got.push(d));
      for (let i = 0; i < bytes.length; i += chunk) decoder.feed(bytes.subarray(i, i + chunk));
      assert.equal(got.length, frames.length);
      assert.equal(got.at(-1), frames.at(-1));
    };
    const chunked = fastest(3, () => decode(64 * 1024));
    const whole = fastest(3, () => decode(bytes.length));
    assert.ok(whole < 5 * chunked + 20, `one chunk ${whole.toFixed(0)} ms vs 64 KB chunks ${chunked.toFixed(0)} ms`);
  });

  it("treats CRLF, CR and a CR split from its LF across chunks as line ends", () => {
    const got: string[] = [];
    const decoder = new SseDecoder(d => got.push(d));
    for (const piece of ["data: a\r\n\r\ndata: b\r\rdata: c\r", "\n\r", "\ndata: d\n", "\n"]) decoder.feed(encode(piece));
    assert.deepEqual(got, ["a", "b", "c", "d"]);
  });
});
