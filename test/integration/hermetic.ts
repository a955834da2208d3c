// Makes the opencode servers this extension host starts hermetic: their own HOME and XDG dirs, a
// dead npm registry (no background plugin install) and the tests' fake model as the provider (the
// extension's demo-model path). Tests run in the extension's own process, so process.env is what
// the extension reads when it spawns.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeModel } from "../fakes/fakeModel";
import { opencodeBin } from "../paths";

export async function hermeticOpencode(): Promise<{ model: FakeModel; dispose(): Promise<void> }> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-int-"));
  const saved = { ...process.env };
  for (const [k, d] of Object.entries({ HOME: "home", XDG_DATA_HOME: "data", XDG_CONFIG_HOME: "config", XDG_CACHE_HOME: "cache", XDG_STATE_HOME: "state" })) {
    fs.mkdirSync(process.env[k] = path.join(scratch, d), { recursive: true });
  }
  const model = await FakeModel.start();
  Object.assign(process.env, { npm_config_registry: "http://127.0.0.1:9/", OPENCODE_BIN: opencodeBin(), OPENCODE_VSCODE_DEMO_MODEL_URL: model.baseUrl });
  return {
    model,
    async dispose() {
      await model.close();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      // The extension's servers still run here until the window closes (after the suite), and may
      // still write their state: retry, and leave a folder they keep writing to the system's tmp
      // cleaning rather than fail a suite whose tests passed.
      try { fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 5 }); } catch (err) { console.warn(`left ${scratch}: ${err}`); }
    },
  };
}
