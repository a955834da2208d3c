// `npm run package` in a scratch copy of the repository: the real esbuild.mjs --production, then
// vsce package --no-dependencies, then the VSIX unpacked. A copy, because the production build
// would otherwise replace the developer's dist/ (source maps, unminified) in the middle of a test run.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../paths";

export type PackagedVsix = {
  vsix: string;
  /** Paths inside the VSIX's extension/ folder, e.g. "dist/webview/main.js". */
  files: string[];
  /** The unpacked extension/ folder: what VS Code would serve the webview from. */
  extensionDir: string;
};

const copied = ["src", "webview", "media", "esbuild.mjs", "tsconfig.json", "package.json", "README.md", "LICENSE", ".vscodeignore"];
let packaged: Promise<PackagedVsix> | undefined;

/** Packages once per test process; later callers share the result. */
export function packageVsix(): Promise<PackagedVsix> {
  packaged ??= Promise.resolve().then(build);
  return packaged;
}

function build(): PackagedVsix {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "oc-vsix-"));
  for (const f of copied) fs.cpSync(path.join(repoRoot, f), path.join(work, f), { recursive: true });
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(work, "node_modules"), "dir");
  execFileSync(process.execPath, ["esbuild.mjs", "--production"], { cwd: work, stdio: "pipe" });
  const vsix = path.join(work, "opencode-vscode.vsix");
  execFileSync(path.join(repoRoot, "node_modules", ".bin", "vsce"), ["package", "--no-dependencies", "--out", vsix], { cwd: work, stdio: "pipe" });
  const unpacked = path.join(work, "unpacked");
  try {
    execFileSync("unzip", ["-q", vsix, "-d", unpacked]);
  } catch (err) {
    throw new Error(`could not unpack the VSIX with unzip (install it: apt-get install unzip): ${String(err)}`);
  }
  const extensionDir = path.join(unpacked, "extension");
  const files = fs.readdirSync(extensionDir, { recursive: true, withFileTypes: true }).filter(e => e.isFile())
    .map(e => path.relative(extensionDir, path.join(e.parentPath, e.name)).split(path.sep).join("/")).sort();
  return { vsix, files, extensionDir };
}

/** Every module a bundle file imports by relative path (static or import()), transitively, as dist paths. */
export function chunkClosure(extensionDir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (rel: string): void => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const file = path.join(extensionDir, rel);
    if (!fs.existsSync(file)) return; // the caller sees it missing from the VSIX list
    for (const m of fs.readFileSync(file, "utf8").matchAll(/["'`](\.{1,2}\/[\w./-]+?\.js)["'`]/g)) {
      visit(path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1])));
    }
  };
  visit(entry);
  return [...seen].sort();
}

/** Removes the scratch copy (node_modules is a symlink, left alone). */
export function cleanVsix(p: PackagedVsix): void {
  fs.rmSync(path.dirname(p.vsix), { recursive: true, force: true });
}
