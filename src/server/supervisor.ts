import { randomBytes } from "node:crypto";
import { Emitter } from "../common/emitter";
import { ServerStartError } from "../common/errors";
import { errorText } from "../common/errorText";
import { RestartPolicy } from "./restartPolicy";
import type { FoundBinary } from "./binary";
import { waitHealthy, type Endpoint } from "../protocol/http";
import { freePort } from "./ports";
import { startServe, type ServeProcess } from "./process";

export type ServerState =
  | { kind: "stopped"; reason?: string }
  | { kind: "starting" }
  | { kind: "running"; endpoint: Endpoint; version: string; pid: number }
  | { kind: "crashed"; error: string; outputTail: string; restartInMs?: number }
  | { kind: "stopping" };

export type SupervisorDeps = {
  folder: string;
  findBinary: () => Promise<FoundBinary>;
  /** Extra environment for the spawn, including OPENCODE_CONFIG_CONTENT; read at every (re)start. */
  spawnEnv: () => NodeJS.ProcessEnv;
  log: (line: string) => void;
  watchdogScript?: string;
  idleTimeoutMs?: () => number;
  policy?: RestartPolicy;
  startTimeoutMs?: number;
  /** Chooses the port of each spawn; tests pass a taken one to exercise the retry. */
  pickPort?: () => Promise<number>;
};

/**
 * One folder's `opencode serve`: started lazily, health-checked, restarted after crashes under an
 * immutable backoff policy, stopped when idle with nothing holding it. Owns the process; nothing
 * else touches it. No vscode: the status bar and commands read `state` and `onDidChangeState`.
 */
export class ServerSupervisor {
  #state: ServerState = { kind: "stopped" };
  #proc: ServeProcess | undefined;
  #starting: Promise<Endpoint> | undefined;
  #policy: RestartPolicy;
  #restartTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #holds = 0;
  #disposed = false;
  #spawnShell: string | undefined;
  /** Not `opencode.serverUrl`'s server: this one's environment is the extension's to know. */
  readonly attached = false;
  readonly #changed = new Emitter<ServerState>();
  readonly onDidChangeState = this.#changed.event;

  constructor(private readonly deps: SupervisorDeps) {
    this.#policy = deps.policy ?? RestartPolicy.create();
  }

  get state(): ServerState { return this.#state; }
  get folder(): string { return this.deps.folder; }
  /** SHELL in the environment of the latest spawn (undefined: unset, or never spawned): opencode's bash tool runs in it. */
  get spawnShell(): string | undefined { return this.#spawnShell; }

  /** The running server's endpoint, starting it first if needed (concurrent callers share one start). */
  ensureRunning(): Promise<Endpoint> {
    if (this.#disposed) return Promise.reject(new Error("the extension is shutting down"));
    if (this.#state.kind === "running") { this.#armIdle(); return Promise.resolve(this.#state.endpoint); }
    this.#starting ??= this.#start().finally(() => { this.#starting = undefined; });
    return this.#starting;
  }

  /**
   * Something needs the server to stay up (a busy session, a run, a pending ask): no idle stop until
   * every hold is released.
   */
  hold(): { dispose(): void } {
    this.#holds++;
    clearTimeout(this.#idleTimer);
    let released = false;
    return { dispose: () => { if (!released) { released = true; this.#holds--; this.#armIdle(); } } };
  }

  /** The server was used (an API call): its idle countdown starts again. */
  touch(): void { this.#armIdle(); }

  async restart(): Promise<Endpoint> {
    this.#policy = this.#policy.reset();
    await this.stop("restarting");
    return this.ensureRunning();
  }

  async stop(reason = "stopped by the user"): Promise<void> {
    clearTimeout(this.#restartTimer);
    clearTimeout(this.#idleTimer);
    await this.#starting?.catch(() => undefined);
    const proc = this.#proc;
    this.#proc = undefined;
    if (proc) {
      this.#set({ kind: "stopping" });
      await proc.stop();
    }
    this.#set({ kind: "stopped", reason });
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await this.stop("the extension stopped");
    this.#changed.dispose();
  }

  async #start(): Promise<Endpoint> {
    clearTimeout(this.#restartTimer);
    this.#set({ kind: "starting" });
    try {
      const bin = await this.deps.findBinary();
      const proc = await this.#spawn(bin).catch(err => {
        // A taken port makes opencode exit 1 with a bare ServeError after ~6 s: one retry on a new port.
        if (err instanceof ServerStartError && err.exitCode !== null) {
          this.deps.log(`opencode exited before listening (${err.exitCode}); retrying once on another port`);
          return this.#spawn(bin);
        }
        throw err;
      });
      if (this.#disposed) { await proc.stop(); throw new Error("the extension is shutting down"); }
      this.#proc = proc;
      const endpoint = proc.endpoint;
      const health = await waitHealthy(endpoint, 30_000).catch(async err => { this.#proc = undefined; await proc.stop(); throw err; });
      this.#set({ kind: "running", endpoint, version: health.version, pid: proc.pid });
      void proc.exited.then(code => this.#onExit(proc, code));
      this.#armIdle();
      return endpoint;
    } catch (err) {
      const tail = err instanceof ServerStartError ? err.outputTail : "";
      this.#set({ kind: "crashed", error: errorText(err), outputTail: tail });
      throw err;
    }
  }

  async #spawn(bin: FoundBinary): Promise<ServeProcess & { endpoint: Endpoint }> {
    const password = randomBytes(24).toString("base64url");
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.deps.spawnEnv(), OPENCODE_SERVER_PASSWORD: password, OPENCODE_DISABLE_AUTOUPDATE: "1" };
    delete env.OPENCODE_SERVER_USERNAME; // the username must be the default one our credentials use
    this.#spawnShell = env.SHELL;
    const port = await (this.deps.pickPort ?? freePort)();
    this.deps.log(`starting ${bin.path} ${bin.version} serve on 127.0.0.1:${port} in ${this.deps.folder}`);
    const proc = await startServe({ bin: bin.path, port, cwd: this.deps.folder, env, log: this.deps.log,
      watchdogScript: this.deps.watchdogScript, startTimeoutMs: this.deps.startTimeoutMs });
    return Object.assign(proc, { endpoint: { baseUrl: proc.url, credentials: { username: "opencode", password } } });
  }

  #onExit(proc: ServeProcess, code: number | string): void {
    if (this.#proc !== proc) return; // a stop we asked for
    this.#proc = undefined;
    const next = this.#policy.next(Date.now());
    const error = `opencode exited unexpectedly (${code})`;
    this.deps.log(error);
    if (!next) {
      this.#set({ kind: "crashed", error: `${error}; it crashed too often, so it stays stopped`, outputTail: proc.outputTail() });
      return;
    }
    this.#policy = next.policy;
    this.#set({ kind: "crashed", error, outputTail: proc.outputTail(), restartInMs: next.delayMs });
    this.#restartTimer = setTimeout(() => void this.ensureRunning().catch(err => this.deps.log(`restart failed: ${err}`)), next.delayMs);
  }

  #armIdle(): void {
    clearTimeout(this.#idleTimer);
    const ms = this.deps.idleTimeoutMs?.() ?? 0;
    if (this.#holds > 0 || ms <= 0 || this.#state.kind !== "running") return;
    this.#idleTimer = setTimeout(() => void this.stop("stopped after being idle"), ms);
    this.#idleTimer.unref?.();
  }

  #set(state: ServerState): void {
    this.#state = state;
    this.#changed.fire(state);
  }
}
