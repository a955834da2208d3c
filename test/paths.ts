import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root, found from wherever the compiled test file lives (out/test/… or test/…). */
export const repoRoot = ((): string => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === "opencode-vscode") return dir;
  }
  throw new Error(`no opencode-vscode package.json above ${__dirname}`);
})();

/** The opencode binary the tests run: OPENCODE_BIN, else the pinned `opencode-ai` devDependency. */
export function opencodeBin(): string {
  const bin = process.env.OPENCODE_BIN || path.join(repoRoot, "node_modules", ".bin", "opencode");
  if (!fs.existsSync(bin)) throw new Error(`opencode binary not found at ${bin}: run npm ci (opencode-ai is a devDependency)`);
  return bin;
}
