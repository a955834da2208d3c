import * as path from "node:path";

/**
 * Pure: whether `target` is `root` or lies inside it, compared lexically (a caller that must follow
 * symlinks passes real paths). `..name` is a file inside; only a `..` segment leaves.
 */
export function isInside(root: string, target: string, p: path.PlatformPath = path): boolean {
  const rel = p.relative(root, target);
  return rel !== ".." && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel);
}
