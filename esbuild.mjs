// Two bundles (extension host: Node/CJS with `vscode` external; webview: browser) plus, with --tests,
// a transpile-only copy of src/ and test/ in out/ for mocha. esbuild never type-checks: `npm run
// typecheck` (tsc --noEmit) does, and `npm test` runs it first.
import * as esbuild from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const args = new Set(process.argv.slice(2));
const prod = args.has("--production"), watch = args.has("--watch"), tests = args.has("--tests");
const base = { bundle: true, minify: prod, sourcemap: prod ? false : "linked", sourcesContent: false, logLevel: "warning", legalComments: "none" };

const builds = [
  { ...base, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", platform: "node", format: "cjs", target: "node20", external: ["vscode"] },
  { ...base, entryPoints: ["src/server/watchdog.ts"], outfile: "dist/watchdog.js", platform: "node", format: "cjs", target: "node20" },
  { ...base, entryPoints: ["webview/main.ts"], outfile: "dist/webview.js", platform: "browser", format: "iife", target: "es2022" },
];

const tsFiles = dir => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter(e => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
  .map(e => join(e.parentPath, e.name));
if (tests) {
  rmSync("out", { recursive: true, force: true });
  builds.push({ entryPoints: [...tsFiles("src"), ...tsFiles("test").filter(f => !f.startsWith(join("test", "sample-workspace")))], outdir: "out", outbase: ".", bundle: false,
    platform: "node", format: "cjs", target: "node20", sourcemap: "inline", logLevel: "warning" });
}

const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
await Promise.all(contexts.map(async ctx => {
  if (watch) return ctx.watch();
  await ctx.rebuild();
  await ctx.dispose();
}));
if (watch) console.log("[esbuild] watching src/, webview/ for changes");
