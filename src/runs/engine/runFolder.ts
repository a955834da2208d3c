import { constants as fsc, promises as fs } from "node:fs";
import * as path from "node:path";
import { isInside, realPathInside } from "../../common/paths";
import { excludeRunFolders } from "./gitExclude";
import { errorText } from "../../common/errorText";

/** Where one run keeps its files: `<folder>/.opencode/runs/<sessionID>/`. */
export type RunPaths = {
  /** `<folder>/.opencode/runs/<sessionID>` */
  runDir: string;
  /** `<runDir>/deliverables`: the only place files are handed back from. */
  deliverablesDir: string;
  /** `<runDir>/run.log`: the agent writes protocol lines here (src/protocol/runLines.ts). */
  logFile: string;
};

const SESSION_ID = /^[A-Za-z0-9_-]+$/;

/** `<folder>/.opencode/runs`: every run's folder is in it. */
export const runsRoot = (folder: string): string => path.join(path.resolve(folder), ".opencode", "runs");

/** The paths of a run; throws for a session id that is not a plain name (it becomes a folder name). */
export function runPaths(folder: string, sessionID: string): RunPaths {
  // Anything else could climb out of runs/ (`..`, `/`, `\`) or be read differently by another tool.
  if (!SESSION_ID.test(sessionID)) throw new Error(`not a usable session id for a run folder: ${JSON.stringify(sessionID)}`);
  const runDir = path.join(runsRoot(folder), sessionID);
  return { runDir, deliverablesDir: path.join(runDir, "deliverables"), logFile: path.join(runDir, "run.log") };
}

/**
 * Creates the run folder, its deliverables folder and an empty log (kept if it exists), and keeps run folders
 * out of git (see excludeRunFolders). Throws when the folders cannot be created, or when a symlink on the way
 * from the workspace folder to the run folder would move the run (its log, deliverables, result and the
 * writes it approves) somewhere else: a committed `.opencode/runs -> ../elsewhere` is the project's to
 * choose, not a place the extension writes to. A failure to edit git's exclude file comes back as
 * `warning`, because the run itself works without it.
 */
export async function prepareRunFolder(folder: string, sessionID: string): Promise<RunPaths & { warning?: string }> {
  const paths = runPaths(folder, sessionID);
  const root = path.resolve(folder);
  await plainFolders(root, ".opencode", "runs", sessionID, "deliverables");
  // O_NOFOLLOW: a planted run.log symlink must not turn the run's appends into writes elsewhere.
  const flags = fsc.O_WRONLY | fsc.O_APPEND | fsc.O_CREAT | (fsc.O_NOFOLLOW ?? 0);
  // Append, never truncate: a retried run keeps what the agent already wrote.
  const log = await fs.open(paths.logFile, flags).catch(async (err: NodeJS.ErrnoException) => {
    throw err.code === "ELOOP" ? new Error(await linkWhy(root, paths.logFile)) : err;
  });
  await log.close();
  // The folder itself may sit below a symlink (/tmp on macOS): compare from its real path down.
  const real = await fs.realpath(paths.runDir);
  if (real !== path.join(await fs.realpath(root), ".opencode", "runs", sessionID)) throw new Error(`the run folder ${paths.runDir} leads to ${real}, outside the workspace folder ${folder}`);
  try {
    await excludeRunFolders(folder);
    return paths;
  } catch (err) {
    return { ...paths, warning: `could not add the run folders to git's info/exclude: ${errorText(err)}` };
  }
}

/**
 * Makes `<folder>/.opencode/runs` (or checks it): called before a run creates its session, so a run
 * root that a symlink moves is refused before anything exists on the server. Throws as prepareRunFolder.
 */
export const prepareRunsRoot = (folder: string): Promise<void> => plainFolders(path.resolve(folder), ".opencode", "runs");

/** `root/a/b/…`, one level at a time and never through a link: `mkdir -p` would create folders where a link points. */
async function plainFolders(root: string, ...names: string[]): Promise<void> {
  let at = root;
  for (const name of names) await plainFolder(root, at = path.join(at, name));
}

/** Makes `dir` a folder if it is missing; throws if it is anything but a plain folder (a symlink above all). */
async function plainFolder(root: string, dir: string): Promise<void> {
  const lstat = () => fs.lstat(dir).catch((err: NodeJS.ErrnoException) => { if (err.code === "ENOENT") return undefined; throw err; });
  let st = await lstat();
  if (!st) {
    // Another run starting at the same time may make it first; then it is checked like any other.
    const made = await fs.mkdir(dir).then(() => true, (err: NodeJS.ErrnoException) => { if (err.code === "EEXIST") return false; throw err; });
    if (made) return;
    st = await lstat();
  }
  if (!st) throw new Error(`${dir} vanished while the run folder was made`);
  if (st.isSymbolicLink()) throw new Error(await linkWhy(root, dir));
  if (!st.isDirectory()) throw new Error(`runs need ${dir} to be a folder, and it is a file`);
}

/** Why a symlink on a run's way is refused, naming where it leads. */
async function linkWhy(root: string, link: string): Promise<string> {
  const place = await realPathInside(root, link);
  const to = place.ok ? place.real : await fs.readlink(link).then(t => path.resolve(path.dirname(link), t), () => "?");
  const where = place.ok ? `to ${to}` : `to ${to}, outside the workspace folder ${root}`;
  return `runs are not started: ${link} is a symlink ${where}; a run writes its folder, log and deliverables only to plain folders below ${path.join(root, ".opencode", "runs")}`;
}

/** A deliverable that may be opened (`path` is its real path), or why not. */
export type Deliverable =
  | { ok: true; path: string; kind: "markdown" | "image" | "text" | "binary" }
  | { ok: false; reason: string };
export type DeliverableKind = Extract<Deliverable, { ok: true }>["kind"];

/** Deliverables are opened in an editor tab; larger files would stall it, and no report needs this much. */
export const MAX_DELIVERABLE_BYTES = 20 * 1024 * 1024;
const MARKDOWN = new Set([".md", ".markdown"]);
const IMAGE = new Set([".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".ico"]);

/**
 * Checks a `DELIVERABLE:` path before anything opens it. The agent (or text it read) chooses the path, so it
 * must not reach outside the deliverables folder by `..`, an absolute path or a symlink. Only Markdown, UTF-8
 * text and images are accepted, so `kind` is never "binary" today (the type leaves room for a viewer later).
 */
export async function resolveDeliverable(paths: RunPaths, raw: string): Promise<Deliverable> {
  const refuse = (why: string): Deliverable => ({ ok: false, reason: `deliverable ${JSON.stringify(raw)} ${why}` });
  if (raw.trim() === "") return { ok: false, reason: "deliverable path is empty" };
  if (raw.includes("\0")) return refuse("contains a NUL character");
  let root: string;
  try {
    root = await fs.realpath(paths.deliverablesDir);
  } catch {
    return refuse(`cannot be opened: the deliverables folder ${paths.deliverablesDir} does not exist`);
  }
  const target = candidate(paths, root, raw);
  if (!target) {
    return refuse(path.isAbsolute(raw) ? `is outside the deliverables folder ${paths.deliverablesDir}` : `leads out of the deliverables folder ${paths.deliverablesDir}`);
  }
  let real: string;
  try {
    real = await fs.realpath(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return refuse(`does not exist in the deliverables folder ${paths.deliverablesDir}`);
    return refuse(code === "ELOOP" ? "is a symlink loop" : `cannot be read: ${(err as Error).message}`);
  }
  // Compare real paths: a symlink inside deliverables/ may point anywhere, and the folder itself may sit
  // below a symlinked parent (/tmp on macOS, a linked home directory).
  if (!isInside(root, real)) return refuse(`is a symlink to ${real}, outside the deliverables folder`);
  try {
    return await checkFile(real, refuse);
  } catch (err) {
    return refuse(`cannot be read: ${(err as Error).message}`); // it changed between the checks
  }
}

/**
 * The lexical candidate inside the deliverables folder, if any. The protocol asks for a path inside the run
 * folder (`deliverables/report.md`); models often write just `report.md`, so that is tried second.
 */
function candidate(paths: RunPaths, realRoot: string, raw: string): string | undefined {
  if (path.isAbsolute(raw)) {
    const abs = path.resolve(raw);
    // Either spelling of the folder: the one we were given, or its real path.
    return isInside(paths.deliverablesDir, abs) || isInside(realRoot, abs) ? abs : undefined;
  }
  return [path.resolve(paths.runDir, raw), path.resolve(paths.deliverablesDir, raw)].find(p => isInside(paths.deliverablesDir, p));
}

async function checkFile(real: string, refuse: (why: string) => Deliverable): Promise<Deliverable> {
  const st = await fs.stat(real);
  if (st.isDirectory()) return refuse("is a folder, not a file");
  if (!st.isFile()) return refuse("is not a regular file");
  if (st.size > MAX_DELIVERABLE_BYTES) return refuse(`is too large (${megabytes(st.size)} MB; the limit is ${megabytes(MAX_DELIVERABLE_BYTES)} MB)`);
  const ext = path.extname(real).toLowerCase();
  if (IMAGE.has(ext)) return { ok: true, path: real, kind: "image" };
  // O_NONBLOCK: if the file was swapped for a FIFO since the stat, opening it must not hang (0 on Windows).
  const fh = await fs.open(real, fsc.O_RDONLY | (fsc.O_NONBLOCK ?? 0));
  try {
    const again = await fh.stat();
    if (!again.isFile()) return refuse("is not a regular file");
    // One byte more than the size: if it fills, the file is still growing and its end may be a cut character.
    const buf = Buffer.alloc(Math.min(again.size, MAX_DELIVERABLE_BYTES) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = (await fh.read(buf, n, buf.length - n, n)).bytesRead;
    if (n === buf.length) return refuse("is still being written; it changed while it was checked");
    if (!isUtf8Text(buf.subarray(0, n))) return refuse("is not UTF-8 text (only Markdown, text and images are opened)");
    return { ok: true, path: real, kind: MARKDOWN.has(ext) ? "markdown" : "text" };
  } finally {
    await fh.close();
  }
}

/** Text means: valid UTF-8 and no NUL bytes (which valid UTF-8 allows, but no text file contains). */
function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// Rounded up, so a file just over the limit never reads as "20 MB; the limit is 20 MB".
const megabytes = (n: number): string => String(Math.ceil((n / (1024 * 1024)) * 10) / 10);
