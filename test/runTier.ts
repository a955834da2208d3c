// Plain-Node entry for one tier: node out/test/runTier.js <unit|real|webview|e2e> (e2e is run inside the
// integration tier: it needs the VS Code harness)
import * as path from "node:path";
import { runMochaFolder } from "./mochaRun";

const tier = process.argv[2];
const timeouts: Record<string, number> = { unit: 10_000, real: 120_000, webview: 60_000, e2e: 240_000 };
if (!tier || !(tier in timeouts)) {
  console.error(`usage: runTier.js <${Object.keys(timeouts).join("|")}>`);
  process.exit(2);
}
void runMochaFolder(path.join(__dirname, tier), { timeout: timeouts[tier], grep: process.env.MOCHA_GREP }).then(r => {
  // Like mocha --exit: a handle a failed test left open must not hang the run.
  process.exit(r.failed > 0 ? 1 : 0);
});
