import { spawn, type ChildProcess } from "node:child_process";
import * as readline from "node:readline";
import { OutputTail } from "../common/async";
import { ServerStartError } from "../common/errors";
import { killTree } from "./killTree";

type ServeOptions = {
  /** Absolute path of the opencode executable. */
  bin: string;
  port: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Gets every output line for the whole life of the process (never the password: it is only in env). */
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /**
   * The bundled watchdog script (dist/watchdog.js). With it, opencode runs under a watchdog that ends
   * it when this process dies, even by SIGKILL; without it (tests of the bare process), it does not.
   */
  watchdogScript?: string;
};

export type ServeProcess = {
  /** The base URL from the "listening on" line, e.g. http://127.0.0.1:41234 */
  url: string;
  pid: number;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  outputTail: () => string;
  /** SIGTERM to the process group, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop: (graceMs?: number) => Promise<void>;
};

const LISTENING = /opencode server listening on (http:\/\/[^\s]+)/;

/** Pure: the URL from opencode's "opencode server listening on http://…" stdout line, if this is it. */
export function parseListeningUrl(line: string): string | undefined {
  return LISTENING.exec(line)?.[1]?.replace(/\/$/, "");
}

/**
 * Starts `opencode serve` on 127.0.0.1 and resolves once it prints its "listening on" line.
 * The child leads its own process group so that stop() reaches anything it spawned (shells from the
 * bash tool, LSP servers, its background npm install).
 */
export function startServe(o: ServeOptions): Promise<ServeProcess> {
  const serveArgs = [o.bin, "serve", "--hostname", "127.0.0.1", "--port", String(o.port)];
  // ELECTRON_RUN_AS_NODE: in desktop VS Code, execPath is Electron; this makes it a plain Node.
  const child = o.watchdogScript
    ? spawn(process.execPath, [o.watchdogScript, ...serveArgs], { cwd: o.cwd, env: { ...o.env, ELECTRON_RUN_AS_NODE: "1" }, stdio: ["pipe", "pipe", "pipe"], detached: true })
    : spawn(serveArgs[0], serveArgs.slice(1), { cwd: o.cwd, env: o.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  // The watchdog's stdin stays open for our whole life: its end is the signal that we died.
  child.stdin?.on("error", () => { /* the watchdog is gone; its exit is reported below */ });
  const tail = new OutputTail();
  const onLine = (line: string) => { tail.push(line); o.log?.(line); };
  // Drain both pipes for the process's whole life: a full pipe would block opencode.
  const stdout = readline.createInterface({ input: child.stdout! });
  stdout.on("line", onLine);
  readline.createInterface({ input: child.stderr! }).on("line", onLine);

  const exited = new Promise<number | string>(resolve => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
    child.once("error", err => resolve((err as NodeJS.ErrnoException).code ?? err.message));
  });

  return new Promise<ServeProcess>((resolve, reject) => {
    const timeoutMs = o.startTimeoutMs ?? 60_000;
    const timer = setTimeout(() => fail(`opencode printed no "listening on" line within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string, code: number | null = null) => {
      clearTimeout(timer);
      void stopTree(child, exited, 2000);
      reject(new ServerStartError(why, tail.toString(), code));
    };
    stdout.on("line", line => {
      const url = parseListeningUrl(line);
      if (!url) return;
      clearTimeout(timer);
      resolve({ url, pid: child.pid!, exited, outputTail: () => tail.toString(), stop: (graceMs = 3000) => stopTree(child, exited, graceMs) });
    });
    void exited.then(code => fail(`opencode exited (${code}) before it was listening`, typeof code === "number" ? code : null));
  });
}

/**
 * SIGTERM the whole process group, SIGKILL it after the grace period. opencode 1.18 ignores SIGTERM
 * while its background plugin install runs, so the SIGKILL is not optional.
 */
async function stopTree(child: ChildProcess, exited: Promise<unknown>, graceMs: number): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  if (child.exitCode === null && child.signalCode === null) killTree(group, false);
  const timer = new Promise<"timeout">(r => setTimeout(r, graceMs, "timeout").unref());
  if (await Promise.race([exited, timer]) === "timeout") killTree(group, true);
  await exited;
  // The leader may exit on SIGTERM while its children linger: sweep the group once more.
  killTree(group, true);
}
