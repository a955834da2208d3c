import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { errorText } from "../common/errorText";

type BinarySource = "OPENCODE_BIN" | "opencode.path" | "PATH" | "npm global";
type Tried = { source: BinarySource; path?: string; problem: string };
export type FoundBinary = { path: string; version: string; source: BinarySource };

/** No usable opencode: `tried` says where we looked and what was wrong, for the error message. */
export class OpencodeNotFoundError extends Error {
  constructor(readonly tried: Tried[]) {
    super(`opencode was not found. Tried: ${tried.map(t => `${t.source}${t.path ? ` (${t.path})` : ""}: ${t.problem}`).join("; ")}`);
    this.name = "OpencodeNotFoundError";
  }
}

type FindOptions = {
  env?: NodeJS.ProcessEnv;
  /** The `opencode.path` setting, if the user set one. */
  settingPath?: string;
  /** Where `npm install -g` puts packages; looked up lazily (it costs a process start). */
  npmGlobalPrefix?: () => Promise<string | undefined>;
  platform?: NodeJS.Platform;
};

/**
 * Finds opencode in this order: OPENCODE_BIN (tests, `npm start`) → the `opencode.path` setting →
 * PATH → the global npm prefix's opencode-ai. A candidate counts only if `--version` answers.
 */
export async function findOpencode(o: FindOptions = {}): Promise<FoundBinary> {
  const env = o.env ?? process.env;
  const platform = o.platform ?? process.platform;
  const tried: Tried[] = [];
  const attempt = async (source: BinarySource, candidate: string | undefined): Promise<FoundBinary | undefined> => {
    if (!candidate) return undefined;
    try {
      return { path: candidate, version: await versionOf(candidate), source };
    } catch (err) {
      tried.push({ source, path: candidate, problem: errorText(err) });
      return undefined;
    }
  };
  const found = await attempt("OPENCODE_BIN", env.OPENCODE_BIN)
    ?? await attempt("opencode.path", o.settingPath?.trim() || undefined)
    ?? await attempt("PATH", onPath("opencode", env, platform) ?? (tried.push({ source: "PATH", problem: "no opencode on PATH" }), undefined))
    ?? await attempt("npm global", await globalCandidate(o, platform, tried));
  if (found) return found;
  throw new OpencodeNotFoundError(tried);
}

async function globalCandidate(o: FindOptions, platform: NodeJS.Platform, tried: Tried[]): Promise<string | undefined> {
  const prefix = await (o.npmGlobalPrefix ?? npmGlobalPrefix)().catch(() => undefined);
  if (!prefix) { tried.push({ source: "npm global", problem: "npm is not available" }); return undefined; }
  const candidate = platform === "win32" ? path.join(prefix, "opencode.cmd") : path.join(prefix, "bin", "opencode");
  if (fs.existsSync(candidate)) return candidate;
  tried.push({ source: "npm global", path: candidate, problem: "opencode-ai is not installed globally" });
  return undefined;
}

/** Pure apart from the file checks: the first executable `name` on PATH. */
function onPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? "").split(platform === "win32" ? ";" : ":").filter(Boolean);
  const exts = platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        if (fs.statSync(candidate).isFile()) { fs.accessSync(candidate, fs.constants.X_OK); return candidate; }
      } catch { /* not here */ }
    }
  }
  return undefined;
}

/** `opencode --version` prints a bare semver; anything else means this is not opencode. */
export function versionOf(bin: string, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, ["--version"], { timeout: timeoutMs, env: { ...process.env, OPENCODE_DISABLE_AUTOUPDATE: "1" } }, (err, stdout) => {
      if (err) return reject(new Error((err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `--version failed: ${err.message.split("\n")[0]}`));
      const version = /\d+\.\d+\.\d+[\w.-]*/.exec(stdout)?.[0];
      return version ? resolve(version) : reject(new Error(`--version printed no version: ${stdout.slice(0, 80)}`));
    });
  });
}

function npmGlobalPrefix(): Promise<string | undefined> {
  return new Promise(resolve => {
    execFile(process.platform === "win32" ? "npm.cmd" : "npm", ["prefix", "-g"], { timeout: 10_000, shell: process.platform === "win32" },
      (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined));
  });
}
