// What ships: `npm run package` (production build + vsce) in a scratch copy of the sources, so the
// repository's dist/ and any VSIX in it stay as they are. The host code is one bundle,
// dist/extension.js (esbuild.mjs). No size goal is set: the rows are recorded to watch them grow.
// Run: node bench/sizes.mjs
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { record } from "./report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-bench-sizes-"));
const copy = path.join(scratch, "ext");
for (const f of ["package.json", "package-lock.json", "esbuild.mjs", "tsconfig.json", ".vscodeignore", "README.md", "LICENSE", "src", "webview", "media"]) {
  fs.cpSync(path.join(root, f), path.join(copy, f), { recursive: true });
}
fs.symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

try {
  execFileSync(npm, ["run", "-s", "package"], { cwd: copy, stdio: ["ignore", "ignore", "inherit"] });
  const size = f => fs.statSync(path.join(copy, f)).size;
  const webviewJs = fs.readdirSync(path.join(copy, "dist", "webview"), { recursive: true }).filter(f => f.endsWith(".js"));
  const s = { extension: size("dist/extension.js"), watchdog: size("dist/watchdog.js"), vsix: size("opencode-vscode.vsix"),
    webviewMain: size("dist/webview/main.js"), webviewAll: webviewJs.reduce((n, f) => n + size(path.join("dist", "webview", f)), 0), chunks: webviewJs.length - 1 };

  const kb = n => `${(n / 1024).toFixed(0)} KB`;
  console.log(`host bundle: dist/extension.js ${kb(s.extension)} (dist/watchdog.js ${kb(s.watchdog)})`);
  console.log(`VSIX ${kb(s.vsix)}; webview: main.js ${kb(s.webviewMain)}, all ${s.chunks + 1} files ${kb(s.webviewAll)}`);
  record({ measure: "host bundle (production): dist/extension.js, loaded at activation", goal: "— (recorded)",
    result: kb(s.extension), note: `one bundle with all of the host code; dist/watchdog.js ${kb(s.watchdog)} runs in its own process` });
  record({ measure: "VSIX (npm run package)", goal: "— (recorded)", result: kb(s.vsix),
    note: `webview: dist/webview/main.js ${kb(s.webviewMain)}, ${s.chunks} lazy chunks, ${kb(s.webviewAll)} in all (uncompressed)` });
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
