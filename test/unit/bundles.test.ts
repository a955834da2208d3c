// The extension host code is split so activation parses only the registrations (esbuild.mjs).
// These checks keep the split honest: a stray static import would silently pull undici or zod back
// into dist/extension.js, and a module in both bundles has two identities, which breaks instanceof.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { BuildOptions, Metafile } from "esbuild";
import * as esbuild from "esbuild";
import { repoRoot } from "../paths";

/** Sources both bundles may carry: stateless helpers with no instanceof checks on them. */
const sharedAllowed = ["src/common/emitter.ts", "src/common/lifecycle.ts", "src/common/lazy.ts", "src/host/config.ts",
  "src/common/errorText.ts", "src/host/viewIds.ts", "src/workspace/folderPick.ts", "src/workspace/serverText.ts"];

describe("host bundles: registrations at activation, the rest on first use", function () {
  this.timeout(60_000);
  let shell: Metafile, core: Metafile;
  before(async () => {
    // Dynamic import through Function so the CJS test build keeps it an ESM import of esbuild.mjs.
    const load = new Function("u", "return import(u)") as (u: string) => Promise<{ builds: BuildOptions[] }>;
    const { builds } = await load(pathToFileURL(path.join(repoRoot, "esbuild.mjs")).href);
    const byOut = (name: string) => builds.find(b => b.outfile === `dist/${name}.js`)!;
    const meta = (b: BuildOptions) => esbuild.build({ ...b, absWorkingDir: repoRoot, metafile: true, write: false }).then(r => r.metafile!);
    [shell, core] = await Promise.all([meta(byOut("extension")), meta(byOut("core"))]);
  });

  it("dist/extension.js holds no dependency and none of the protocol, server or webview-message layers", () => {
    // Two small modules the window's objects need at activation (the grant store over workspace
    // state, the hold rule of a folder scope); nothing else of those layers.
    const heavy = Object.keys(shell.inputs).filter(f => /^(node_modules\/|src\/(protocol|server|conversation|shared|chat)\/)/.test(f) && !["src/server/grants.ts", "src/conversation/serverHolds.ts"].includes(f));
    assert.deepEqual(heavy, []);
  });

  it("dist/extension.js requires dist/core.js at run time instead of bundling it", () => {
    const out = Object.values(shell.outputs).find(o => o.entryPoint === "src/extension.ts")!;
    assert.ok(out.imports.some(i => i.path === "./core.js" && i.external), JSON.stringify(out.imports));
    assert.ok(!("src/core.ts" in shell.inputs));
    assert.ok("node_modules/undici/index.js" in core.inputs && Object.keys(core.inputs).some(f => f.startsWith("node_modules/zod/")));
  });

  it("the two bundles share only allowlisted stateless sources", () => {
    const shared = Object.keys(shell.inputs).filter(f => f in core.inputs);
    assert.deepEqual(shared.filter(f => !sharedAllowed.includes(f)), []);
  });
});
