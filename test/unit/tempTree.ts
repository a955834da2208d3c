// Real temporary trees and a clean git for the run-folder tests: the checks are about what the file
// system and git actually do, so they run against both rather than against mocks.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Makes temporary folders by their real path (macOS /tmp is a symlink); `removeAll` in an `after` hook. */
export function tempDirs(prefix: string): { make(): string; removeAll(): void } {
  const made: string[] = [];
  return {
    make: () => {
      const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
      made.push(d);
      return d;
    },
    removeAll: () => made.splice(0).forEach(d => fs.rmSync(d, { recursive: true, force: true })),
  };
}

/** git without the caller's GIT_* variables (a hook's GIT_DIR would point every call at another repository). */
export function git(cwd: string, ...args: string[]): { status: number | null; out: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_")));
  const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args], { cwd, env, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
