import { promises as fs } from "node:fs";
import * as path from "node:path";

/**
 * Pure: whether `target` is `root` or lies inside it, compared lexically (a caller that must follow
 * symlinks passes real paths, or uses realPathInside). `..name` is a file inside; only a `..` segment leaves.
 */
export function isInside(root: string, target: string, p: path.PlatformPath = path): boolean {
  const rel = p.relative(root, target);
  return rel !== ".." && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel);
}

/** Where a path really is, if it is inside the root; else why not, for the user. */
export type RealPlace = { ok: true; real: string } | { ok: false; why: string };

/**
 * Whether `target` (absolute, or relative to `root`) exists and really lies inside `root`: both are
 * resolved by the file system (symlinks followed, `..` after them as the kernel does), so a link
 * inside the root that points out is outside. A name that leaves the root lexically is refused
 * before the disk is asked. A path that does not exist is refused: nothing can be said of where it leads.
 */
export async function realPathInside(root: string, target: string): Promise<RealPlace> {
  const abs = path.resolve(root, target);
  if (!isInside(path.resolve(root), abs)) return { ok: false, why: `${target} is outside ${root}` };
  let realRoot: string, real: string;
  try {
    realRoot = await fs.realpath(root);
    real = await fs.realpath(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, why: `${target} does not exist` };
    return { ok: false, why: code === "ELOOP" ? `${target} is a symlink loop` : `${target} cannot be resolved: ${(err as Error).message}` };
  }
  return isInside(realRoot, real) ? { ok: true, real } : { ok: false, why: `${target} leads to ${real}, outside ${root}` };
}
