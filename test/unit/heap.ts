// Heap measurements for the unit tier. Mocha runs in a plain `node` (scripts/test.mjs, `npm run
// fuzz`), usually without --expose-gc, so gc is switched on at run time: V8 accepts the flag late,
// and a fresh context then carries the `gc` function.
import * as v8 from "node:v8";
import * as vm from "node:vm";

const gc: () => void = (() => {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
})();

/**
 * Bytes held after full collections (twice: the first can leave finalised objects behind): the JS
 * heap plus external memory, where Node's TextDecoder puts the strings it makes.
 */
export function liveHeap(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

export const MB = 1024 * 1024;
