// The fuzz run of the unit tier: a fixed seed, then a random one that is printed (FUZZ_SEED=<n>
// replays it, here or in `npm run fuzz`). Nothing may escape the pipeline, and the heap must come
// back to where it was after warm-up: a stream leaves nothing behind.
import * as assert from "node:assert/strict";
import { emptyStats, fuzzStream, randomSeed, type FuzzStats } from "./fuzzStreams";
import { liveHeap, MB } from "./heap";

const fixedSeed = 0x0c0ffee;
/** Streams per seed: the two runs take a few seconds (`npm run fuzz` runs 100,000). */
const perSeed = 250;

function run(seed: number, from: number, count: number, stats: FuzzStats): void {
  for (let i = from; i < from + count; i++) fuzzStream(seed, i, stats);
}

describe("fuzz: random SSE streams through decoder, reducer, pager, clone and snapshot", function () {
  this.timeout(60_000);
  const seed = randomSeed();

  it(`survives ${perSeed} streams of the fixed seed and ${perSeed} of a random one, heap flat after warm-up`, () => {
    console.log(`      fuzz seeds: fixed ${fixedSeed}, random ${seed} (replay: FUZZ_SEED=${seed} npm run fuzz)`);
    const warm = emptyStats();
    run(fixedSeed, 1_000_000, 60, warm);
    const before = liveHeap();
    const stats = emptyStats();
    run(fixedSeed, 0, perSeed, stats);
    run(seed, 0, perSeed, stats);
    const growth = liveHeap() - before;
    console.log(`      ${JSON.stringify(stats)}, heap ${(growth / MB).toFixed(1)} MB`);
    assert.equal(stats.streams, 2 * perSeed);
    // The mutations must have reached every branch they aim at, or the run proves little.
    assert.ok(stats.events > 0 && stats.unknown > 0 && stats.malformed > 0 && stats.views > 0, JSON.stringify(stats));
    assert.ok(growth < 20 * MB, `heap grew ${(growth / MB).toFixed(1)} MB over the run`);
  });
});
