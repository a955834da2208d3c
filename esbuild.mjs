// Bundles for the extension host (Node/CJS, `vscode` external), the watchdog and the webview, plus,
// with --tests, a transpile-only copy of src/ and test/ in out/ for mocha. esbuild never type-checks:
// `npm run typecheck` (tsc --noEmit) does, and `npm test` runs it first.
//
// The host code is one bundle, dist/extension.js. A split that left undici, zod and the server and
// protocol layers to a second bundle required on first use cut activation itself, but did not paint
// the chat view any sooner from a cold window, measured side by side (`npm run bench`), so it went.
import * as esbuild from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = new Set(process.argv.slice(2));
const prod = args.has("--production"), watch = args.has("--watch"), tests = args.has("--tests");
const base = { bundle: true, minify: prod, sourcemap: prod ? false : "linked", sourcesContent: false, logLevel: "warning", legalComments: "none" };

const host = { ...base, platform: "node", format: "cjs", target: "node20", external: ["vscode"] };
export const builds = [
  { ...host, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js" },
  { ...base, entryPoints: ["src/server/watchdog.ts"], outfile: "dist/watchdog.js", platform: "node", format: "cjs", target: "node20" },
  webviewBuild(base),
];

/**
 * The webview is ESM with code splitting so highlight.js and each of its languages load on demand
 * (one chunk per language, fetched by dynamic import() only when a code block needs it) and the
 * initial dist/webview/main.js stays small. JSX settings come from webview/tsconfig.json.
 */
function webviewBuild(options) {
  return { ...options, entryPoints: { main: "webview/main.ts" }, outdir: "dist/webview", chunkNames: "chunks/[name]-[hash]",
    format: "esm", splitting: true, platform: "browser", target: "es2022" };
}

const tsFiles = dir => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter(e => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
  .map(e => join(e.parentPath, e.name));
const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain && tests) {
  rmSync("out", { recursive: true, force: true });
  // webview/markdown/ holds the webview's pure modules (block splitting, paths, marked stage) that unit tests import.
  builds.push({ entryPoints: [...tsFiles("src"), ...tsFiles(join("webview", "markdown")), ...tsFiles("test").filter(f => !f.startsWith(join("test", "sample-workspace")))], outdir: "out", outbase: ".", bundle: false,
    platform: "node", format: "cjs", target: "node20", sourcemap: "inline", logLevel: "warning" });
}

if (isMain) {
  // Chunk names carry content hashes: clear old ones (and the pre-ESM dist/webview.js) so stale chunks never ship.
  for (const old of ["dist/webview", "dist/webview.js", "dist/webview.js.map", "dist/core.js", "dist/core.js.map"]) rmSync(old, { recursive: true, force: true });
  const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
  await Promise.all(contexts.map(async ctx => {
    if (watch) return ctx.watch();
    await ctx.rebuild();
    await ctx.dispose();
  }));
  if (watch) console.log("[esbuild] watching src/, webview/ for changes");
}
