// What the agent's commands see of the extension's secrets, in real opencode 1.18.33, and why the
// extension still hands them over by environment (README, "Threat model"):
// - opencode passes its whole environment to the bash tool, so a command sees
//   OPENCODE_SERVER_PASSWORD and OPENCODE_CONFIG_CONTENT. `opencode serve` takes its password from
//   that variable only (it has no flag or file for it).
// - The config could go by file instead (OPENCODE_CONFIG), but a file config ranks BELOW the
//   project's opencode.json, so a repository could override the user's permission settings; the
//   content variable ranks above it. The user's rules must win, so the content variable stays.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeModel, text, tools } from "../fakes/fakeModel";
import { fakeProviderConfig, isolatedEnv, startRealOpencode } from "../fakes/realOpencode";
import { callJson } from "../../src/protocol/http";
import { ServerSupervisor } from "../../src/server/supervisor";
import { versionOf } from "../../src/server/binary";
import { opencodeBin } from "../paths";
import { waitUntil } from "./helpers/processes";

describe("real opencode: secrets in the environment", function () {
  this.timeout(120_000);
  let model: FakeModel;
  before(async () => { model = await FakeModel.start(); });
  after(async () => { await model?.close(); });

  it("a bash command sees the server password and the config content (no privilege boundary: same user)", async () => {
    const oc = await startRealOpencode(model, { config: { permission: { bash: "allow" } } });
    try {
      const s = await callJson<{ id: string }>(oc, "/session", { directory: oc.workspace, body: { title: "env" } });
      model.scriptFor(s.id, tools({ name: "bash", args: { command: "env > env.txt", description: "env" } }), text("done"));
      await callJson(oc, `/session/${s.id}/prompt_async`, { directory: oc.workspace, body: { parts: [{ type: "text", text: "go" }] } });
      const file = path.join(oc.workspace, "env.txt");
      await waitUntil(() => fs.existsSync(file) && fs.readFileSync(file, "utf8").includes("\n"), 30_000, "the command did not run");
      const names = fs.readFileSync(file, "utf8").split("\n").map(l => l.split("=")[0]);
      assert.ok(names.includes("OPENCODE_SERVER_PASSWORD"));
      assert.ok(names.includes("OPENCODE_CONFIG_CONTENT"));
    } finally { await oc.stop(); }
  });

  it("the config content ranks above the project's opencode.json; a config file would rank below it", async () => {
    const ranked: Record<string, unknown> = {};
    for (const via of ["content", "file"] as const) {
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-secrets-"));
      const folder = path.join(scratch, "ws");
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, "opencode.json"), JSON.stringify({ permission: { bash: "allow" } }));
      const config = fakeProviderConfig(model, { permission: { bash: "ask" } });
      const configFile = path.join(scratch, "settings.json");
      fs.writeFileSync(configFile, JSON.stringify(config));
      const sup = new ServerSupervisor({
        folder, log: () => undefined, findBinary: async () => ({ path: opencodeBin(), version: await versionOf(opencodeBin()), source: "OPENCODE_BIN" }),
        spawnEnv: () => {
          const env = isolatedEnv(scratch, config);
          if (via === "file") { delete env.OPENCODE_CONFIG_CONTENT; env.OPENCODE_CONFIG = configFile; }
          return env;
        },
      });
      try {
        const ep = await sup.ensureRunning();
        ranked[via] = (await callJson<{ permission?: { bash?: unknown } }>(ep, "/config", { directory: folder })).permission?.bash;
      } finally { await sup.dispose(); fs.rmSync(scratch, { recursive: true, force: true }); }
    }
    assert.deepEqual(ranked, { content: "ask", file: "allow" });
  });
});
