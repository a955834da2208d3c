// A tiny Node process between the extension host and opencode, so that opencode never outlives the
// extension host, even one killed with SIGKILL (opencode does not notice its parent dying).
//
//   extension host --(stdin pipe)--> watchdog (process group leader) --> opencode (same group)
//
// The host spawns this detached (a new process group) with a pipe on stdin. When the host dies, for
// any reason, the pipe closes; the watchdog then ends the whole group: SIGTERM, and SIGKILL after a
// grace period. opencode's output goes straight to the host through the inherited stdout/stderr.
// usage: node watchdog.js <opencode> <args…>      (env WATCHDOG_GRACE_MS, default 3000)
import { spawn } from "node:child_process";
import { killTree } from "./killTree";

const [bin, ...args] = process.argv.slice(2);
const graceMs = Number(process.env.WATCHDOG_GRACE_MS ?? 3000);
let ending = false;

const child = spawn(bin, args, { stdio: ["ignore", "inherit", "inherit"] });
child.on("error", err => { process.stderr.write(`watchdog: cannot start ${bin}: ${err.message}\n`); process.exit(127); });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + (signalNumber[signal] ?? 0) : 1)));

function endGroup(): void {
  if (ending) return;
  ending = true;
  killTree(process.pid, false);
  setTimeout(() => killTree(process.pid, true), graceMs);
}

// The group-wide SIGTERM reaches us too: stay alive to deliver the SIGKILL if opencode ignores it.
process.on("SIGTERM", endGroup);
process.on("SIGINT", endGroup);
process.stdin.on("end", endGroup);
process.stdin.on("close", endGroup);
process.stdin.on("error", endGroup);
process.stdin.resume();

const signalNumber: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
