// Another opencode release than the pinned devDependency, for the test tier that runs the real tier's
// core against it. Fetched from the npm registry with npm itself: only the platform package
// (`opencode-linux-x64` and kin hold the native bin/opencode; `opencode-ai` is a wrapper whose
// postinstall picks one), unpacked into a gitignored cache and reused while its --version matches.
// Any failure throws: a version pass that cannot get its binary must fail, never skip.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The platform package opencode publishes for this machine (as opencode-ai's postinstall names them). */
function platformPackage() {
  const platform = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform];
  const arch = { x64: "x64", arm64: "arm64" }[process.arch];
  if (!platform || !arch) throw new Error(`opencode publishes no binary for ${process.platform}-${process.arch}`);
  return `opencode-${platform}-${arch}`;
}

const versionOf = bin => execFileSync(bin, ["--version"], { encoding: "utf8", timeout: 60_000, env: { ...process.env, OPENCODE_DISABLE_AUTOUPDATE: "1" } }).trim();

/** The path of opencode `version`'s executable, fetched into `<repoRoot>/.cache/opencode/<version>` when not there yet. */
export function opencodeRelease(repoRoot, version) {
  const pkg = platformPackage();
  const dir = path.join(repoRoot, ".cache", "opencode", `${pkg}-${version}`);
  const bin = path.join(dir, "package", "bin", process.platform === "win32" ? "opencode.exe" : "opencode");
  if (fs.existsSync(bin)) {
    try { if (versionOf(bin) === version) return bin; } catch { /* a broken download: fetch it again */ }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-release-"));
  try {
    console.log(`fetching ${pkg}@${version} from the npm registry`);
    let packed;
    try {
      packed = JSON.parse(execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["pack", `${pkg}@${version}`, "--json", "--pack-destination", scratch],
        { encoding: "utf8", timeout: 600_000, stdio: ["ignore", "pipe", "inherit"], shell: process.platform === "win32" }));
    } catch (err) {
      throw new Error(`could not fetch ${pkg}@${version} with npm pack (${err.message.split("\n")[0]}): the npm registry must be reachable`);
    }
    execFileSync("tar", ["xzf", path.join(scratch, packed[0].filename), "-C", dir]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const got = versionOf(bin);
  if (got !== version) throw new Error(`${bin} says it is ${JSON.stringify(got)}, not ${version}`);
  return bin;
}
