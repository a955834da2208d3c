// One programmatic mocha run over a folder of compiled *.test.js files, used by every tier: plain
// Node (unit, real, webview) through runTier.ts, and the VS Code extension host through
// integration/index.ts. It writes the counts to $OPENCODE_TEST_RESULTS for scripts/test.mjs.
import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";

export type TierResults = { passed: number; failed: number; skipped: number; failures: { title: string; error: string }[] };

export function runMochaFolder(dir: string, o: { timeout: number; grep?: string }): Promise<TierResults> {
  const mocha = new Mocha({ ui: "bdd", timeout: o.timeout, color: false, reporter: "spec", ...(o.grep ? { grep: o.grep } : {}) });
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith(".test.js")).sort()) mocha.addFile(path.join(dir, f));
  const results: TierResults = { passed: 0, failed: 0, skipped: 0, failures: [] };
  return new Promise(resolve => {
    const runner = mocha.run(() => {
      const out = process.env.OPENCODE_TEST_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
      resolve(results);
    });
    runner.on("pass", () => results.passed++);
    runner.on("pending", () => results.skipped++);
    runner.on("fail", (t, err: Error) => { results.failed++; results.failures.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }); });
  });
}
