// `npm test`: every tier, in order, each printing what it ran against and its own counts, then one
// summary line "N passed, N failed[, N skipped]". `npm test -- unit real` runs only those tiers.
// Exit 1 when anything failed, a tier crashed or ran no test, or (under CI) anything was skipped.
import { spawnSync, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot, chromiumPath } from "../test/harness/codeServer.mjs";
import { chooseBackend, runIntegration } from "./integration.mjs";
import { opencodeRelease } from "./opencodeRelease.mjs";

/**
 * The real tier's core (a conversation, asks and their answers, reconnecting) runs once more against
 * this opencode release: the newest 1.x measured to pass the whole real tier. The folder model's
 * file (two servers, kill -9: a minute) stays out to keep CI under its 30 minutes.
 */
const secondOpencode = { version: "1.18.34", files: ["conversation", "permissions", "reconnect"] };
const secondTier = `real-${secondOpencode.version}`;
const allTiers = ["unit", "real", secondTier, "integration", "webview"];
/** Wall-time budgets (s) that keep CI under 30 minutes; an overrun is reported, not failed. */
// integration includes the end-to-end files (each starts its own code-server: ~30 s apiece).
const budgets = { setup: 360, typecheck: 60, unit: 60, real: 480, [secondTier]: 240, integration: 480, webview: 240 };
const asked = process.argv.slice(2);
const tiers = asked.length ? asked : allTiers;
for (const t of tiers) if (!allTiers.includes(t)) { console.error(`unknown tier '${t}' (tiers: ${allTiers.join(", ")})`); process.exit(2); }

const rows = [];
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-results-"));
const sh = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: repoRoot, stdio: "inherit", env: { ...process.env, ...env } }).status;
const banner = t => console.log(`\n━━━ ${t} ${"━".repeat(Math.max(0, 70 - t.length))}`);

async function step(name, fn) {
  banner(name);
  const t0 = Date.now();
  let r;
  try { r = await fn(); } catch (err) { console.error(err?.stack ?? err); r = { crashed: String(err?.message ?? err) }; }
  const secs = (Date.now() - t0) / 1000;
  rows.push({ name, secs, ...r });
  return r;
}

/** Runs a tier whose results file mochaRun.ts writes; a missing file means it crashed. */
async function tier(name, run) {
  const file = path.join(resultsDir, `${name}.json`);
  return step(name, async () => {
    const code = await run(file);
    if (!fs.existsSync(file)) return { crashed: `exit ${code}, no results (the tier did not run its tests)` };
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    return { passed: r.passed, failed: r.failed, skipped: r.skipped, failures: r.failures, ...(code !== 0 && r.failed === 0 ? { crashed: `exit ${code}` } : {}) };
  });
}

await step("setup", () => {
  if (sh("bash", [".ci/apt-packages.sh", "--check"]) !== 0) return { crashed: "system packages missing (see the apt-get line above)" };
  if (tiers.includes("integration") && sh("bash", [".ci/install-vscode-harness.sh"]) !== 0) return { crashed: "the VS Code harness could not be installed" };
  if (sh(process.execPath, ["esbuild.mjs", "--tests"]) !== 0) return { crashed: "build failed" };
  return {};
});
if (!rows.at(-1).crashed) {
  await step("typecheck", () => (sh("npm", ["run", "-s", "typecheck"]) === 0 ? {} : { crashed: "tsc reported type errors" }));
  const node = (t, env = {}) => file => sh(process.execPath, [path.join("out", "test", "runTier.js"), t], { OPENCODE_TEST_RESULTS: file, ...env });
  for (const t of tiers) {
    if (t === "unit") await tier("unit", file => { console.log(`Node ${process.version}, mocha`); return node("unit")(file); });
    if (t === "real") {
      const bin = path.join(repoRoot, "node_modules", ".bin", "opencode");
      await tier("real", file => { console.log(`opencode ${execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()} (${bin}), fake model on loopback`); return node("real")(file); });
    }
    if (t === secondTier) {
      // Fetching is part of the tier: a binary that cannot be fetched makes the tier crash, loudly.
      await tier(secondTier, file => {
        const bin = opencodeRelease(repoRoot, secondOpencode.version);
        console.log(`opencode ${execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()} (${bin}), fake model on loopback; ${secondOpencode.files.join(", ")}`);
        return node("real", { OPENCODE_BIN: bin, OPENCODE_TEST_FILES: secondOpencode.files.join(",") })(file);
      });
    }
    if (t === "integration") {
      // Two launches: the main suite, and one with workspace trust on for the untrusted-workspace suite;
      // then the end-to-end tests, which drive a VS Code in chromium from outside (a window reload).
      await tier("integration", async file => {
        const backend = await chooseBackend();
        const merged = { passed: 0, failed: 0, skipped: 0, failures: [] };
        let code = 0;
        for (const suite of ["trusted", "untrusted"]) {
          const part = `${file}.${suite}`;
          console.log(`[integration] launch: ${suite} suite`);
          code ||= await runIntegration({ backend, suite, resultsFile: part });
          if (!fs.existsSync(part)) return code || 3;
          const r = JSON.parse(fs.readFileSync(part, "utf8"));
          for (const k of ["passed", "failed", "skipped"]) merged[k] += r[k];
          merged.failures.push(...r.failures);
        }
        const e2e = `${file}.e2e`;
        console.log("[integration] end to end: VS Code in headless chromium, driven from outside");
        code ||= node("e2e")(e2e);
        if (!fs.existsSync(e2e)) return code || 3;
        const r = JSON.parse(fs.readFileSync(e2e, "utf8"));
        for (const k of ["passed", "failed", "skipped"]) merged[k] += r[k];
        merged.failures.push(...r.failures);
        fs.writeFileSync(file, JSON.stringify(merged));
        return code;
      });
    }
    if (t === "webview") {
      await tier("webview", file => { console.log(execFileSync(chromiumPath, ["--version"], { encoding: "utf8" }).trim() + " (headless)"); return node("webview")(file); });
    }
  }
}

banner("summary");
let passed = 0, failed = 0, skipped = 0, bad = false;
for (const r of rows) {
  passed += r.passed ?? 0; failed += r.failed ?? 0; skipped += r.skipped ?? 0;
  const counts = r.passed === undefined ? "" : ` ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`;
  const over = r.secs > budgets[r.name] ? ` OVER BUDGET (${budgets[r.name]} s)` : "";
  const problem = r.crashed ? ` ERROR: ${r.crashed}` : r.passed === 0 && r.failed === 0 && !r.skipped ? " ERROR: ran no test" : "";
  if (problem) bad = true;
  console.log(`${r.name.padEnd(13)} ${r.secs.toFixed(1).padStart(6)} s / ${budgets[r.name]} s${counts}${problem}${over}`);
  for (const f of r.failures ?? []) console.log(`  ✗ ${f.title}\n    ${f.error.split("\n").slice(0, 4).join("\n    ")}`);
}
if (skipped && process.env.CI) { console.log(`ERROR: ${skipped} skipped test(s): CI must not pass by skipping`); bad = true; }
fs.rmSync(resultsDir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed || bad ? 1 : 0);
