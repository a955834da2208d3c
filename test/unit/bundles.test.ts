// The extension host's one bundle: everything it runs is inside it (no stray require of a sibling
// file a package could leave out), and only `vscode` stays external.
import * as assert from "node:assert/strict";
import { builtinModules } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { BuildOptions, Metafile } from "esbuild";
import * as esbuild from "esbuild";
import { repoRoot } from "../paths";

describe("host bundle", function () {
  this.timeout(60_000);
  let meta: Metafile;
  before(async () => {
    // Dynamic import through Function so the CJS test build keeps it an ESM import of esbuild.mjs.
    const load = new Function("u", "return import(u)") as (u: string) => Promise<{ builds: BuildOptions[] }>;
    const { builds } = await load(pathToFileURL(path.join(repoRoot, "esbuild.mjs")).href);
    const hostBuilds = builds.filter(b => b.platform === "node" && (b.external ?? []).includes("vscode"));
    assert.deepEqual(hostBuilds.map(b => b.outfile), ["dist/extension.js"], "one host bundle");
    meta = (await esbuild.build({ ...hostBuilds[0], absWorkingDir: repoRoot, metafile: true, write: false })).metafile!;
  });

  it("holds the server, protocol and feature layers and their dependencies", () => {
    // esbuild names inputs by their real path: a node_modules that is a symlink (a git worktree
    // sharing another checkout's) shows up as ../…/node_modules/….
    const inputs = Object.keys(meta.inputs).map(f => f.replace(/^(\.\.\/)+.*?node_modules\//, "node_modules/"));
    for (const f of ["src/extension.ts", "src/server/supervisor.ts", "src/protocol/reducer.ts", "src/chat/chatHub.ts", "node_modules/undici/index.js"]) assert.ok(inputs.includes(f), f);
    assert.ok(inputs.some(f => f.startsWith("node_modules/zod/")));
  });

  it("requires nothing at run time but vscode and Node's own modules", () => {
    const out = Object.values(meta.outputs).find(o => o.entryPoint === "src/extension.ts")!;
    const external = out.imports.filter(i => i.external).map(i => i.path).filter(p => !p.startsWith("node:") && !builtinModules.includes(p));
    assert.deepEqual([...new Set(external)], ["vscode"]);
  });
});
