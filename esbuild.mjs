// Bundles for the extension host (Node/CJS, `vscode` external), the watchdog and the webview, plus,
// with --tests, a transpile-only copy of src/ and test/ in out/ for mocha. esbuild never type-checks:
// `npm run typecheck` (tsc --noEmit) does, and `npm test` runs it first.
//
// The host code is two bundles: dist/extension.js (registrations only, parsed at activation) and
// dist/core.js (undici, zod, the protocol and server layers), required on first use through
// src/loadCore.ts. One bundle cost ~130 ms of parsing at activation; CJS has no code splitting, so
// the split is two entry points, with loadCore's require mapped to the sibling file.
import * as esbuild from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const coreSource = resolve(root, "src", "core");
/** In dist/extension.js, `require("./core")` of src/loadCore.ts loads dist/core.js at run time. */
const coreAsSibling = {
  name: "core-as-sibling",
  setup(build) {
    build.onResolve({ filter: /\/core$/ }, args => resolve(args.resolveDir, args.path) === coreSource ? { path: "./core.js", external: true } : undefined);
  },
};

const args = new Set(process.argv.slice(2));
const prod = args.has("--production"), watch = args.has("--watch"), tests = args.has("--tests");
const base = { bundle: true, minify: prod, sourcemap: prod ? false : "linked", sourcesContent: false, logLevel: "warning", legalComments: "none" };

const host = { ...base, platform: "node", format: "cjs", target: "node20", external: ["vscode"] };
export const builds = [
  { ...host, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", plugins: [coreAsSibling] },
  { ...host, entryPoints: ["src/core.ts"], outfile: "dist/core.js" },
  { ...base, entryPoints: ["src/server/watchdog.ts"], outfile: "dist/watchdog.js", platform: "node", format: "cjs", target: "node20" },
  { ...base, entryPoints: ["webview/main.ts"], outfile: "dist/webview.js", platform: "browser", format: "iife", target: "es2022" },
];

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
  const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
  await Promise.all(contexts.map(async ctx => {
    if (watch) return ctx.watch();
    await ctx.rebuild();
    await ctx.dispose();
  }));
  if (watch) console.log("[esbuild] watching src/, webview/ for changes");
}
