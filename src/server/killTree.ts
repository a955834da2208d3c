import { execFile } from "node:child_process";

/**
 * Signals a process tree. POSIX: the process group led by `pid` (we spawn detached, so each server
 * is a group). Windows has no groups or SIGTERM: `taskkill /T` walks the tree, `/F` forces it.
 * Only the POSIX branch runs in this project's CI (Linux); the Windows one is untested here.
 */
export function killTree(pid: number, force: boolean, platform: NodeJS.Platform = process.platform): void {
  if (platform === "win32") {
    execFile("taskkill", treeKillArgs(pid, force), () => { /* already gone */ });
    return;
  }
  try { process.kill(-pid, force ? "SIGKILL" : "SIGTERM"); } catch { /* already gone */ }
}

/** Pure: taskkill's arguments for the tree under `pid`. */
export function treeKillArgs(pid: number, force: boolean): string[] {
  return ["/PID", String(pid), "/T", ...(force ? ["/F"] : [])];
}
