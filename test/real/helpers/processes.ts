import { execFileSync } from "node:child_process";

/** Pids of every live process in a process group (ps lists zombies too: those are filtered out). */
export function groupMembers(pgid: number): number[] {
  const out = execFileSync("ps", ["-e", "-o", "pid=,pgid=,stat="], { encoding: "utf8" });
  return out.split("\n").map(l => l.trim().split(/\s+/)).filter(([, g, stat]) => Number(g) === pgid && !stat?.startsWith("Z")).map(([p]) => Number(p));
}

/** Pids of live processes whose command line contains `needle`. */
export function processesMatching(needle: string): number[] {
  const out = execFileSync("ps", ["-e", "-o", "pid=,stat=,args="], { encoding: "utf8" });
  return out.split("\n").map(l => l.trim()).filter(l => l.includes(needle) && !/^\d+\s+Z/.test(l)).map(l => Number(l.split(/\s+/)[0]));
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 100));
  }
  return Date.now() - t0;
}

/**
 * Pids of live processes whose command line contains `needle` and that descend from `root` (this
 * extension host, say): other programs on the machine, other test runs among them, are not counted.
 */
export function descendantsMatching(root: number, needle: string): number[] {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,stat=,args="], { encoding: "utf8" }).split("\n").map(l => l.trim()).filter(Boolean)
    .map(l => { const [pid, ppid, stat, ...args] = l.split(/\s+/); return { pid: Number(pid), ppid: Number(ppid), stat, args: args.join(" ") }; });
  const parent = new Map(rows.map(r => [r.pid, r.ppid]));
  const descends = (pid: number) => { for (let p = parent.get(pid), n = 0; p && n < 64; p = parent.get(p), n++) if (p === root) return true; return false; };
  return rows.filter(r => !r.stat.startsWith("Z") && r.args.includes(needle) && descends(r.pid)).map(r => r.pid);
}
