// Adds lockfile entries for opencode-ai's platform packages that the registry reachable here does not
// serve (npm install silently leaves them out, and then `npm ci` refuses the lockfile as out of sync).
// Each entry carries os/cpu/libc, so npm skips it on every other platform and never fetches it; on
// its own platform npm installs it from the registry as usual. Run after `npm install` changes the lock.
import * as fs from "node:fs";

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const optional = lock.packages["node_modules/opencode-ai"]?.optionalDependencies ?? {};
const added = [];
for (const [name, version] of Object.entries(optional)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const m = /^opencode-(darwin|linux|windows)-(x64|arm64)(-baseline)?(-musl)?$/.exec(name);
  if (!m) throw new Error(`unexpected platform package name ${name}`);
  lock.packages[key] = { version, cpu: [m[2]], dev: true, optional: true, os: [m[1] === "windows" ? "win32" : m[1]], ...(m[4] ? { libc: ["musl"] } : {}) };
  added.push(name);
}
const keys = Object.keys(lock.packages).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1));
lock.packages = Object.fromEntries(keys.map(k => [k, lock.packages[k]]));
fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(added.length ? `added lockfile entries: ${added.join(", ")}` : "lockfile already complete");
