// Starts a REAL `opencode serve` (the pinned opencode-ai binary) against the tests' FakeModel, with
// every directory it writes isolated under one temp dir. Tests share one server per file and create
// a new session per test; only lifecycle tests start their own.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ServerSupervisor, type SupervisorDeps } from "../../src/server/supervisor";
import { versionOf } from "../../src/server/binary";
import type { Endpoint } from "../../src/protocol/http";
import type { FakeModel } from "./fakeModel";
import { opencodeBin, repoRoot } from "../paths";

/** The model's price in USD per million tokens, non-zero so cost totals are checkable exactly. */
export const fakeModelCost = { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 };

/** opencode config that works offline against the fake model (its provider package is bundled). */
export function fakeProviderConfig(model: FakeModel, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: "https://opencode.ai/config.json",
    model: "fake/fake-model",
    small_model: "fake/fake-model",
    autoupdate: false,
    share: "disabled",
    provider: {
      fake: {
        npm: "@ai-sdk/openai-compatible",
        name: "Fake LLM",
        options: { baseURL: model.baseUrl, apiKey: "sk-fake" },
        models: { "fake-model": { name: "Fake Model", tool_call: true, reasoning: true, cost: fakeModelCost, limit: { context: 128000, output: 4096 } } },
      },
    },
    ...extra,
  };
}

/**
 * Like fakeProviderConfig, but the provider has no key of its own: opencode looks for one in
 * FAKE_LLM_KEY or its auth store (as for a real provider the user has yet to connect), and its
 * free built-in "opencode" provider is off, so the fake is the only model there is.
 */
export function keylessProviderConfig(model: FakeModel, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const config = fakeProviderConfig(model, extra) as { provider: { fake: { options: Record<string, unknown> } & Record<string, unknown> } };
  const { apiKey: _dropped, ...options } = config.provider.fake.options;
  return { ...config, disabled_providers: ["opencode"], provider: { ...config.provider, fake: { ...config.provider.fake, env: ["FAKE_LLM_KEY"], options } } };
}

/**
 * Environment for a hermetic opencode: its own HOME and XDG dirs, no autoupdate, and npm pointed
 * at a dead loopback port so the background plugin install fails fast instead of burning a minute
 * of CPU per fresh server.
 */
export function isolatedEnv(scratch: string, config: Record<string, unknown>): NodeJS.ProcessEnv {
  const dirs = { HOME: "home", XDG_DATA_HOME: "data", XDG_CONFIG_HOME: "config", XDG_CACHE_HOME: "cache", XDG_STATE_HOME: "state" };
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: "C.UTF-8" };
  for (const [k, d] of Object.entries(dirs)) fs.mkdirSync(env[k] = path.join(scratch, d), { recursive: true });
  return { ...env, OPENCODE_DISABLE_AUTOUPDATE: "1", OPENCODE_CONFIG_CONTENT: JSON.stringify(config), npm_config_registry: "http://127.0.0.1:9/" };
}

/**
 * The pinned binary's version, asked once per test process and given a minute: `opencode --version`
 * took 7 s on a loaded machine and passed the product's 15 s limit under two busy loops, failing
 * starts that had nothing to do with it (the binary search itself is tested on its own).
 */
let pinnedVersion: Promise<string> | undefined;
const pinnedOpencodeVersion = (): Promise<string> => (pinnedVersion ??= versionOf(opencodeBin(), 60_000).catch(err => { pinnedVersion = undefined; throw err; }));

/**
 * A ServerSupervisor as the extension builds one (watchdog included), for a folder inside `scratch`,
 * with the hermetic environment above. Lifecycle tests and the shared-server helper both use it, so
 * every real test spawns opencode through the production code.
 */
export function testSupervisor(scratch: string, folder: string, config: Record<string, unknown>, deps: Partial<SupervisorDeps> = {}): ServerSupervisor {
  return new ServerSupervisor({
    folder, log: () => {}, watchdogScript: path.join(repoRoot, "dist", "watchdog.js"),
    findBinary: async () => ({ path: opencodeBin(), version: await pinnedOpencodeVersion(), source: "OPENCODE_BIN" }),
    spawnEnv: () => isolatedEnv(scratch, config),
    ...deps,
  });
}

export type RealOpencode = Endpoint & { supervisor: ServerSupervisor; scratch: string; workspace: string; version: string; stop(): Promise<void> };

/**
 * `git: true` makes the workspace a git repository. opencode needs one for what it does per project:
 * permission patterns relative to the repository root (outside a repository they are relative to
 * "/"), and the snapshots behind `GET /session/{id}/diff` (none outside a repository).
 */
export async function startRealOpencode(model: FakeModel, o: { config?: Record<string, unknown>; workspace?: string; git?: boolean; keyless?: boolean; log?: (line: string) => void } = {}): Promise<RealOpencode> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-real-"));
  const workspace = o.workspace ?? path.join(scratch, "ws");
  fs.mkdirSync(workspace, { recursive: true });
  if (o.git) gitInit(workspace);
  const supervisor = testSupervisor(scratch, workspace, (o.keyless ? keylessProviderConfig : fakeProviderConfig)(model, o.config), o.log ? { log: o.log } : {});
  const ep = await supervisor.ensureRunning();
  const state = supervisor.state;
  return {
    ...ep, supervisor, scratch, workspace, version: state.kind === "running" ? state.version : "unknown",
    stop: async () => { await supervisor.dispose(); fs.rmSync(scratch, { recursive: true, force: true }); },
  };
}

/** An empty git repository (no commit: opencode then files it under the "global" project). */
export function gitInit(dir: string): void {
  execFileSync("git", ["init", "-q", dir]);
}
