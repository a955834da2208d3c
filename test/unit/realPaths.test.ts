// realPathInside: the one check of "really inside" that the chat's links and attachments and the
// run folder share, on a real temporary tree (real symlinks).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { realPathInside } from "../../src/common/paths";
import { tempDirs } from "./tempTree";

describe("realPathInside (symlinks followed)", () => {
  const dirs = tempDirs("realpaths-");
  after(() => dirs.removeAll());
  let ws: string, out: string;
  before(() => {
    const base = dirs.make();
    ws = path.join(base, "ws");
    out = path.join(base, "out");
    fs.mkdirSync(path.join(ws, "src"), { recursive: true });
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(ws, "src", "a.ts"), "a");
    fs.writeFileSync(path.join(out, "secret.txt"), "s");
    fs.symlinkSync(path.join(out, "secret.txt"), path.join(ws, "link-out.txt"));
    fs.symlinkSync(out, path.join(ws, "dir-out"));
    fs.symlinkSync(path.join("src", "a.ts"), path.join(ws, "link-in.ts"));
    fs.symlinkSync("loop", path.join(ws, "loop"));
  });

  it("a symlink out of the root is outside, and the message names where it leads", async () => {
    for (const target of ["link-out.txt", "dir-out/secret.txt", path.join(ws, "dir-out", "secret.txt")]) {
      const place = await realPathInside(ws, target);
      assert.equal(place.ok, false, target);
      if (!place.ok) assert.match(place.why, new RegExp(`leads to ${path.join(out, "secret.txt")}, outside`), target);
    }
  });

  it("a symlink inside the root is inside, as the file it leads to", async () => {
    assert.deepEqual(await realPathInside(ws, "link-in.ts"), { ok: true, real: path.join(ws, "src", "a.ts") });
    assert.deepEqual(await realPathInside(ws, "src/a.ts"), { ok: true, real: path.join(ws, "src", "a.ts") });
  });

  it("`..` that leaves the root is outside, by name or after a link", async () => {
    for (const target of ["../out/secret.txt", "src/../../out/secret.txt", path.join(ws, "..", "out", "secret.txt")]) {
      const place = await realPathInside(ws, target);
      assert.ok(!place.ok && /is outside/.test(place.why), `${target}: ${JSON.stringify(place)}`);
    }
    // The kernel would take `..` after the link (base/out/secret.txt); the name is normalised first
    // (ws/out/secret.txt, missing) and callers use the real path returned, so it never opens out there.
    const place = await realPathInside(ws, "dir-out/../out/secret.txt");
    assert.equal(place.ok, false, JSON.stringify(place));
  });

  it("a path that does not exist, or a symlink loop, is refused with why", async () => {
    const missing = await realPathInside(ws, "src/nope.ts");
    assert.ok(!missing.ok && /does not exist/.test(missing.why), JSON.stringify(missing));
    const loop = await realPathInside(ws, "loop");
    assert.ok(!loop.ok && /symlink loop/.test(loop.why), JSON.stringify(loop));
  });

  it("a root reached through a symlink still holds its files", async () => {
    const link = path.join(path.dirname(ws), "ws-link");
    fs.symlinkSync(ws, link);
    assert.deepEqual(await realPathInside(link, "src/a.ts"), { ok: true, real: path.join(ws, "src", "a.ts") });
    assert.equal((await realPathInside(link, "link-out.txt")).ok, false);
  });
});
