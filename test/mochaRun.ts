// One programmatic mocha run over a folder of compiled *.test.js files, used by every tier: plain
// Node (unit, real, webview) through runTier.ts, and the VS Code extension host through
// integration/index.ts. It writes the counts to $OPENCODE_TEST_RESULTS for scripts/test.mjs.
import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";

export type TierResults = { passed: number; failed: number; skipped: number; failures: { title: string; error: string }[] };

/** `only`: the files to run, by name without `.test.js`; one that does not exist throws (a subset never shrinks silently). */
export function runMochaFolder(dir: string, o: { timeout: number; grep?: string; only?: string[] }): Promise<TierResults> {
  const mocha = new Mocha({ ui: "bdd", timeout: o.timeout, color: false, reporter: "spec", ...(o.grep ? { grep: o.grep } : {}) });
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith(".test.js")).sort();
  const missing = o.only?.filter(name => !files.includes(`${name}.test.js`)) ?? [];
  if (missing.length) throw new Error(`no test file ${missing.map(m => `${m}.test.js`).join(", ")} in ${dir}`);
  for (const f of files) if (!o.only || o.only.includes(f.replace(/\.test\.js$/, ""))) mocha.addFile(path.join(dir, f));
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
