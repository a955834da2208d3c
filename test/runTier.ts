// Plain-Node entry for one tier: node out/test/runTier.js <unit|real|webview|e2e> (e2e is run inside the
// integration tier: it needs the VS Code harness). OPENCODE_TEST_FILES="a,b" runs only a.test.js and
// b.test.js of the tier (the real tier's core against another opencode: scripts/test.mjs).
import * as path from "node:path";
import { runMochaFolder } from "./mochaRun";

const tier = process.argv[2];
const timeouts: Record<string, number> = { unit: 10_000, real: 120_000, webview: 60_000, e2e: 240_000 };
if (!tier || !(tier in timeouts)) {
  console.error(`usage: runTier.js <${Object.keys(timeouts).join("|")}>`);
  process.exit(2);
}
const only = process.env.OPENCODE_TEST_FILES?.split(",").map(f => f.trim()).filter(Boolean);
void runMochaFolder(path.join(__dirname, tier), { timeout: timeouts[tier], grep: process.env.MOCHA_GREP, only }).then(r => {
  // Like mocha --exit: a handle a failed test left open must not hang the run.
  process.exit(r.failed > 0 ? 1 : 0);
});
