// `npm run bench`: every benchmark, each in its own process, all run even when one is over its
// goal; the exit code says whether any was.
import { spawnSync } from "node:child_process";

const benches = ["activation", "decodeReduce", "webview", "serverReady"];
const over = [];
for (const name of benches) {
  console.log(`\n━━━ ${name} ━━━`);
  const r = spawnSync(process.execPath, [`bench/${name}.mjs`], { stdio: "inherit" });
  if (r.status !== 0) over.push(name);
}
console.log(`\n${over.length ? `over goal or failed: ${over.join(", ")}` : "all benchmarks within their goals"}`);
process.exitCode = over.length ? 1 : 0;
