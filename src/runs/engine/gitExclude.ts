import { promises as fs } from "node:fs";
import * as path from "node:path";

/**
 * Adds `<folder>/.opencode/runs/` (as a pattern relative to the repository root) to the repository's
 * `info/exclude`, so run logs and deliverables never show up in `git status` or get committed by accident.
 * info/exclude rather than .gitignore: it is local to this clone and changes no tracked file. Only `runs/` is
 * excluded because `.opencode/` also holds the project's opencode config, which people do commit.
 * Does nothing outside a git work tree. Throws on I/O problems; the caller turns them into a warning.
 */
export async function excludeRunFolders(folder: string): Promise<void> {
  // Real paths: git resolves symlinks the same way, and the pattern must be relative to the real root.
  const repo = await findRepository(await fs.realpath(folder));
  if (!repo) return;
  const rel = path.relative(repo.root, repo.folder).split(path.sep).filter(Boolean).map(escapeGlob);
  await addLineOnce(path.join(repo.commonDir, "info", "exclude"), `/${[...rel, ".opencode", "runs"].join("/")}/`);
}

type Repository = { root: string; folder: string; commonDir: string };

/** Walks up from `folder` to the first `.git`: a directory (a plain clone) or a file (a linked worktree, a submodule). */
async function findRepository(folder: string): Promise<Repository | undefined> {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, ".git");
    const st = await fs.stat(dotGit).catch(() => undefined);
    if (st?.isDirectory()) return { root: dir, folder, commonDir: await commonDirOf(dotGit) };
    if (st?.isFile()) {
      const m = /^gitdir:[ \t]*(.+?)[ \t]*$/m.exec(await fs.readFile(dotGit, "utf8"));
      if (!m) throw new Error(`${dotGit} is a file without a "gitdir:" line`);
      return { root: dir, folder, commonDir: await commonDirOf(path.resolve(dir, m[1])) };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * A linked worktree's git dir (`.git/worktrees/<name>`) names the main git dir in its `commondir` file, and
 * git reads `info/exclude` from there (one file for all worktrees). A submodule's git dir has no commondir.
 */
async function commonDirOf(gitDir: string): Promise<string> {
  const common = (await fs.readFile(path.join(gitDir, "commondir"), "utf8").catch(() => "")).trim();
  return common ? path.resolve(gitDir, common) : gitDir;
}

/** Folder names are literal; in a gitignore pattern `*`, `?`, `[` and `\` are wildcards or escapes. */
const escapeGlob = (segment: string): string => segment.replace(/[\\*?[]/g, c => `\\${c}`);

/** Appends run one at a time per file, so two runs starting together cannot both add the line. */
const writers = new Map<string, Promise<void>>();

async function addLineOnce(file: string, line: string): Promise<void> {
  const next = (writers.get(file) ?? Promise.resolve()).catch(() => undefined).then(async () => {
    const text = await fs.readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? "" : Promise.reject(e)));
    if (text.split(/\r?\n/).some(l => l.trim() === line)) return;
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.appendFile(file, `${text && !text.endsWith("\n") ? "\n" : ""}${line}\n`);
  });
  writers.set(file, next);
  try {
    await next;
  } finally {
    if (writers.get(file) === next) writers.delete(file);
  }
}

/**
 * The root of the work tree holding `folder` (walking up lexically, not through real paths: the
 * result is compared with paths under `folder` as given), or undefined outside git. opencode
 * resolves permission patterns against it.
 */
export async function findGitRoot(folder: string): Promise<string | undefined> {
  return (await findRepository(folder).catch(() => undefined))?.root;
}
