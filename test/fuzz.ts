// `npm run fuzz`: the unit tier's fuzz run at scale, 100,000 streams (FUZZ_STREAMS to change),
// of FUZZ_SEED or a random seed it prints. Exits 1 when anything escaped or the heap grew.
import { emptyStats, fuzzStream, randomSeed } from "./unit/fuzzStreams";
import { liveHeap, MB } from "./unit/heap";

const seed = randomSeed();
const total = Number(process.env.FUZZ_STREAMS) || 100_000;
console.log(`fuzz: ${total.toLocaleString("en")} streams, seed ${seed} (replay: FUZZ_SEED=${seed} npm run fuzz)`);
const t0 = Date.now();
try {
  for (let i = 0; i < 300; i++) fuzzStream(seed, 1_000_000_000 + i, emptyStats());
  const before = liveHeap();
  const stats = emptyStats();
  for (let i = 0; i < total; i++) {
    fuzzStream(seed, i, stats);
    if ((i + 1) % 10_000 === 0) console.log(`  ${(i + 1).toLocaleString("en")} streams, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const growth = liveHeap() - before;
  console.log(`${JSON.stringify(stats)}\nheap after the run: ${(growth / MB).toFixed(1)} MB over warm-up`);
  if (growth >= 20 * MB) { console.error(`FAIL: the heap grew ${(growth / MB).toFixed(1)} MB`); process.exit(1); }
  console.log("fuzz: passed");
} catch (err) {
  console.error(`FAIL: ${(err as Error)?.message ?? err}`);
  process.exit(1);
}
