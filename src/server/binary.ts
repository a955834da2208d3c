import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { killTree } from "./killTree";
import { minimumVersion, parseVersion, supportOf, testedVersion } from "./version";
import { errorText } from "../common/errorText";

export type BinarySource = "OPENCODE_BIN" | "opencode.path" | "PATH" | "npm global";
/**
 * Why a candidate could not be used. Only "not found" and "unsupported version" are mended by
 * installing opencode; "bad path" is an `opencode.path` value that names no file we could look for.
 */
export type ProblemKind = "not found" | "timed out" | "failed" | "not opencode" | "unsupported version" | "bad path";
/** `version` is set for "unsupported version": what the candidate's `--version` printed. */
export type Tried = { source: BinarySource; path?: string; kind: ProblemKind; problem: string; version?: string };
export type FoundBinary = { path: string; version: string; source: BinarySource };

const triedText = (tried: Tried[]) => tried.map(t => `${t.source}${t.path ? ` (${t.path})` : ""}: ${t.problem}`).join("; ");

/** No opencode anywhere: `tried` says where we looked, for the error message (which offers to install it). */
export class OpencodeNotFoundError extends Error {
  constructor(readonly tried: Tried[]) {
    super(`opencode was not found. Tried: ${triedText(tried)}`);
    this.name = "OpencodeNotFoundError";
  }
}

/**
 * Some candidate exists but did not answer `--version` as opencode does (too slow, failed, another
 * program): installing would not help, so this is never reported as "not installed".
 */
export class OpencodeUnusableError extends Error {
  constructor(readonly tried: Tried[]) {
    super(`opencode could not be used. Tried: ${triedText(tried)}`);
    this.name = "OpencodeUnusableError";
  }

  /** The first candidate that exists: the one whose problem the user is to fix. */
  get first(): Tried {
    return this.tried.find(t => t.kind !== "not found") ?? this.tried[0];
  }
}

/** What `--version` of one candidate came to, when it was not a version. */
export class VersionCheckError extends Error {
  constructor(readonly kind: ProblemKind, message: string) {
    super(message);
    this.name = "VersionCheckError";
  }
}

export type FindOptions = {
  env?: NodeJS.ProcessEnv;
  /** The `opencode.path` setting, if the user set one. */
  settingPath?: string;
  /** Where `npm install -g` puts packages; looked up lazily (it costs a process start). */
  npmGlobalPrefix?: () => Promise<string | undefined>;
  platform?: NodeJS.Platform;
  /** `--version`'s timeout, and the longer one of its retry (see versionOf). */
  timeoutMs?: number;
  retryTimeoutMs?: number;
  /** The home folder `~` in `opencode.path` stands for. */
  home?: string;
  /** Told what the log should say about the binary used: a newer 1.x than tested, a candidate passed over. */
  note?: (text: string) => void;
};

/**
 * Finds opencode in this order: OPENCODE_BIN (tests, `npm start`) → the `opencode.path` setting →
 * PATH → the global npm prefix's opencode-ai. A candidate counts only if `--version` answers with a
 * version this extension supports (src/server/version.ts).
 */
export async function findOpencode(o: FindOptions = {}): Promise<FoundBinary> {
  const env = o.env ?? process.env;
  const platform = o.platform ?? process.platform;
  const tried: Tried[] = [];
  const attempt = async (source: BinarySource, candidate: string | undefined): Promise<FoundBinary | undefined> => {
    if (!candidate) return undefined;
    try {
      const version = await versionOf(candidate, o.timeoutMs, o.retryTimeoutMs);
      const support = supportOf(parseVersion(version)!);
      if (support === "tooOld" || support === "nextMajor") {
        const problem = support === "tooOld" ? `is opencode ${version}, older than the ${minimumVersion} this extension needs` : `is opencode ${version}: opencode 2.x is not supported yet`;
        tried.push({ source, path: candidate, kind: "unsupported version", problem, version });
        return undefined;
      }
      if (support === "newer") o.note?.(`opencode ${version} at ${candidate} is newer than the ${testedVersion} this extension was tested with; it is used, as 1.x keeps its API. Report what breaks.`);
      return { path: candidate, version, source };
    } catch (err) {
      tried.push({ source, path: candidate, kind: err instanceof VersionCheckError ? err.kind : "failed", problem: errorText(err) });
      return undefined;
    }
  };
  const found = await attempt("OPENCODE_BIN", env.OPENCODE_BIN)
    ?? await attempt("opencode.path", settingCandidate(o.settingPath, o.home ?? os.homedir(), platform, tried))
    ?? await attempt("PATH", onPath("opencode", env, platform) ?? (tried.push({ source: "PATH", kind: "not found", problem: "no opencode on PATH" }), undefined))
    ?? await attempt("npm global", await globalCandidate(o, platform, tried));
  if (found) {
    for (const t of tried.filter(t => t.kind !== "not found" || t.source === "opencode.path")) o.note?.(`passed over ${triedText([t])}; using ${found.path} (${found.source})`);
    return found;
  }
  throw tried.every(t => t.kind === "not found") ? new OpencodeNotFoundError(tried) : new OpencodeUnusableError(tried);
}

/** The `opencode.path` setting as a file path: `~` and `~/…` are the home folder; a relative path is refused. */
function settingCandidate(setting: string | undefined, home: string, platform: NodeJS.Platform, tried: Tried[]): string | undefined {
  const raw = setting?.trim();
  if (!raw) return undefined;
  const expanded = expandHome(raw, home, platform);
  const isAbsolute = platform === "win32" ? path.win32.isAbsolute(expanded) : path.posix.isAbsolute(expanded);
  if (isAbsolute) return expanded;
  tried.push({ source: "opencode.path", path: raw, kind: "bad path", problem: "is not an absolute path" });
  return undefined;
}

/** Pure: `~` alone or `~/…` (also `~\…` on Windows) with the home folder put in. `~user/…` stays as it is. */
export function expandHome(p: string, home: string, platform: NodeJS.Platform = process.platform): string {
  if (p === "~") return home;
  const sep = platform === "win32" ? /^~[\\/]/ : /^~\//;
  return sep.test(p) ? (platform === "win32" ? path.win32 : path.posix).join(home, p.slice(2)) : p;
}

async function globalCandidate(o: FindOptions, platform: NodeJS.Platform, tried: Tried[]): Promise<string | undefined> {
  const prefix = await (o.npmGlobalPrefix ?? npmGlobalPrefix)().catch(() => undefined);
  if (!prefix) { tried.push({ source: "npm global", kind: "not found", problem: "npm is not available" }); return undefined; }
  const candidate = platform === "win32" ? path.join(prefix, "opencode.cmd") : path.join(prefix, "bin", "opencode");
  if (fs.existsSync(candidate)) return candidate;
  tried.push({ source: "npm global", path: candidate, kind: "not found", problem: "opencode-ai is not installed globally" });
  return undefined;
}

/** Pure apart from the file checks: the first executable `name` on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
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

/**
 * `opencode --version` prints a bare semver. A timeout is tried once more with a longer one: under
 * load (a reload starting every folder's server at once) a first start can be slow, and that is no
 * reason to tell the user opencode is missing. Rejects with a VersionCheckError saying which problem.
 */
export async function versionOf(bin: string, timeoutMs = 15_000, retryTimeoutMs = 45_000): Promise<string> {
  try {
    return await runVersion(bin, timeoutMs);
  } catch (err) {
    if (!(err instanceof VersionCheckError) || err.kind !== "timed out") throw err;
  }
  try {
    return await runVersion(bin, retryTimeoutMs);
  } catch (err) {
    if (!(err instanceof VersionCheckError) || err.kind !== "timed out") throw err;
    throw new VersionCheckError("timed out", `--version did not answer within ${seconds(timeoutMs)}, nor within ${seconds(retryTimeoutMs)} on a retry`);
  }
}

/** Kept of a candidate's output: a version is one short line, and a failure's last lines say why. */
const maxOutput = 16 * 1024;

function runVersion(bin: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Its own process group on POSIX, so a timeout kills what it started too (an npm wrapper's
    // child would otherwise live on, holding the output pipe open).
    const child = spawn(bin, ["--version"], { env: { ...process.env, OPENCODE_DISABLE_AUTOUPDATE: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: process.platform !== "win32", windowsHide: true });
    let out = "", err = "", settled = false;
    const settle = (f: () => void) => { if (!settled) { settled = true; clearTimeout(timer); f(); } };
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killTree(child.pid, true);
      settle(() => reject(new VersionCheckError("timed out", `--version did not answer within ${seconds(timeoutMs)}`)));
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (d: string) => { out = (out + d).slice(0, maxOutput); });
    child.stderr.setEncoding("utf8").on("data", (d: string) => { err = (err + d).slice(-maxOutput); });
    // ENOENT for a file that exists: its interpreter (`#!/usr/bin/env node`) is missing, not opencode.
    child.on("error", (e: NodeJS.ErrnoException) => settle(() => reject(e.code === "ENOENT" && !fs.existsSync(bin)
      ? new VersionCheckError("not found", "no such file")
      : new VersionCheckError("failed", `could not be run (${e.code === "ENOENT" ? "ENOENT: its interpreter was not found" : e.code ?? e.message})`))));
    child.on("close", (code, signal) => settle(() => {
      if (code !== 0) {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const tail = lastLines(err);
        return reject(new VersionCheckError("failed", `--version ${how}${tail ? `: ${tail}` : ""}`));
      }
      const version = parseVersion(out)?.text;
      return version ? resolve(version) : reject(new VersionCheckError("not opencode", `ran, but --version printed ${JSON.stringify(out.trim().slice(0, 80))}, not a version`));
    }));
  });
}

const lastLines = (text: string) => text.split(/\r?\n/).map(l => l.trim()).filter(Boolean).slice(-3).join(" | ").slice(-300);
const seconds = (ms: number) => `${ms / 1000} s`;

function npmGlobalPrefix(): Promise<string | undefined> {
  return new Promise(resolve => {
    execFile(process.platform === "win32" ? "npm.cmd" : "npm", ["prefix", "-g"], { timeout: 10_000, shell: process.platform === "win32" },
      (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined));
  });
}
