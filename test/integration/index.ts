// extensionTestsPath entry: VS Code (desktop, or code-server through test/harness) loads this in the
// real extension host and calls run(). A rejected promise is a failed run.
import { runMochaFolder } from "../mochaRun";

export async function run(): Promise<void> {
  const r = await runMochaFolder(__dirname, { timeout: 60_000, grep: process.env.MOCHA_GREP });
  if (r.failed > 0) throw new Error(`${r.failed} integration test(s) failed`);
  if (r.passed === 0) throw new Error("no integration test ran");
}
