// What ships: `npm run package` (production build + vsce) in a scratch copy of the sources, so the
// repository's dist/ and any VSIX in it stay as they are; then the same copy repackaged with the
// host code as one bundle (dist/extension.js with core inside, no dist/core.js), side by side.
// No size goal is set: the rows are recorded to watch them grow.
// Run: node bench/sizes.mjs
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { builds } from "../esbuild.mjs";
import { record } from "./report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-bench-sizes-"));
const copy = path.join(scratch, "ext");
for (const f of ["package.json", "package-lock.json", "esbuild.mjs", "tsconfig.json", ".vscodeignore", "README.md", "LICENSE", "src", "webview", "media"]) {
  fs.cpSync(path.join(root, f), path.join(copy, f), { recursive: true });
}
fs.symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const vsce = (out) => execFileSync(path.join(copy, "node_modules", ".bin", "vsce"), ["package", "--no-dependencies", "--out", out], { cwd: copy, stdio: "ignore" });

try {
  execFileSync(npm, ["run", "-s", "package"], { cwd: copy, stdio: ["ignore", "ignore", "inherit"] });
  const size = f => fs.statSync(path.join(copy, f)).size;
  const webviewJs = fs.readdirSync(path.join(copy, "dist", "webview"), { recursive: true }).filter(f => f.endsWith(".js"));
  const split = { extension: size("dist/extension.js"), core: size("dist/core.js"), vsix: size("opencode-vscode.vsix"),
    webviewMain: size("dist/webview/main.js"), webviewAll: webviewJs.reduce((n, f) => n + size(path.join("dist", "webview", f)), 0), chunks: webviewJs.length - 1 };

  // The one-bundle shape: the same production options, without the plugin that leaves core outside.
  const { plugins: _split, ...shell } = builds.find(b => b.outfile === "dist/extension.js");
  await esbuild.build({ ...shell, minify: true, sourcemap: false, absWorkingDir: copy });
  fs.rmSync(path.join(copy, "dist", "core.js"));
  vsce("one.vsix");
  const one = { extension: size("dist/extension.js"), vsix: size("one.vsix") };

  const kb = n => `${(n / 1024).toFixed(0)} KB`;
  console.log(`split: dist/extension.js ${kb(split.extension)} + dist/core.js ${kb(split.core)}; one bundle: dist/extension.js ${kb(one.extension)}`);
  console.log(`VSIX: split ${kb(split.vsix)}, one bundle ${kb(one.vsix)}; webview: main.js ${kb(split.webviewMain)}, all ${split.chunks + 1} files ${kb(split.webviewAll)}`);
  record({ measure: "host bundles (production): loaded at activation + loaded on first use", goal: "— (recorded)",
    result: `dist/extension.js ${kb(split.extension)} + dist/core.js ${kb(split.core)}`,
    ratio: `one bundle: dist/extension.js ${kb(one.extension)} (the two: ${((split.extension + split.core) / one.extension).toFixed(3)}× of it)`,
    note: `the two together: ${kb(split.extension + split.core)}` });
  record({ measure: "VSIX (npm run package)", goal: "— (recorded)", result: kb(split.vsix), ratio: `one bundle's VSIX ${kb(one.vsix)} (split / one: ${(split.vsix / one.vsix).toFixed(3)}×)`,
    note: `webview: dist/webview/main.js ${kb(split.webviewMain)}, ${split.chunks} lazy chunks, ${kb(split.webviewAll)} in all (uncompressed)` });
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
