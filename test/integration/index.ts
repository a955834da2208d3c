// extensionTestsPath entry: VS Code (desktop, or code-server through test/harness) loads this in the
// real extension host and calls run(). A rejected promise is a failed run. Each launch runs one
// suite folder, chosen by OPENCODE_INTEGRATION_SUITE: "trusted" (default) or "untrusted".
import * as path from "node:path";
import { runMochaFolder } from "../mochaRun";

export async function run(): Promise<void> {
  const suite = process.env.OPENCODE_INTEGRATION_SUITE || "trusted";
  const r = await runMochaFolder(path.join(__dirname, suite), { timeout: 60_000, grep: process.env.MOCHA_GREP });
  if (r.failed > 0) throw new Error(`${r.failed} integration test(s) failed`);
  if (r.passed === 0) throw new Error("no integration test ran");
}
