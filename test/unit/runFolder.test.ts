// Run folders and deliverable paths on a real temporary tree (real symlinks, a real FIFO): the checks
// are about what the file system does. Keeping run folders out of git: runFolderGit.test.ts.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { MAX_DELIVERABLE_BYTES, prepareRunFolder, prepareRunsRoot, resolveDeliverable, runPaths, type Deliverable, type RunPaths } from "../../src/runs/engine/runFolder";
import { tempDirs } from "./tempTree";

const dirs = tempDirs("runfolder-");
const tmp = dirs.make;
after(dirs.removeAll);

describe("runPaths", () => {
  it("lays out <folder>/.opencode/runs/<id>/{deliverables,run.log}", () => {
    const p = runPaths("/ws", "ses_01AB-c");
    assert.deepEqual(p, { runDir: path.resolve("/ws/.opencode/runs/ses_01AB-c"), deliverablesDir: path.resolve("/ws/.opencode/runs/ses_01AB-c/deliverables"), logFile: path.resolve("/ws/.opencode/runs/ses_01AB-c/run.log") });
  });

  it("refuses a session id that is not a plain name", () => {
    for (const bad of ["", ".", "..", "../x", "a/b", "a\\b", "a b", "a.b", "x\0", "é"]) assert.throws(() => runPaths("/ws", bad), /session id/, JSON.stringify(bad));
  });
});

describe("prepareRunFolder", () => {
  it("creates the folders and an empty log, and keeps a log that exists", async () => {
    const ws = tmp();
    const p = await prepareRunFolder(ws, "s1");
    assert.equal(p.warning, undefined);
    assert.ok(fs.statSync(p.deliverablesDir).isDirectory());
    assert.equal(fs.readFileSync(p.logFile, "utf8"), "");
    fs.writeFileSync(p.logFile, "STATUS: 1%\n");
    await prepareRunFolder(ws, "s1");
    assert.equal(fs.readFileSync(p.logFile, "utf8"), "STATUS: 1%\n");
  });
});

describe("prepareRunFolder: a run root that a symlink moves", () => {
  /** A workspace and a folder beside it; every file below `elsewhere` would be a write outside. */
  const layout = () => {
    const base = tmp(), ws = path.join(base, "ws"), elsewhere = path.join(base, "elsewhere");
    fs.mkdirSync(ws);
    fs.mkdirSync(elsewhere);
    return { ws, elsewhere };
  };

  it("refuses `.opencode/runs` linked out of the folder, naming where it leads, and writes nothing there", async () => {
    const { ws, elsewhere } = layout();
    fs.mkdirSync(path.join(ws, ".opencode"));
    fs.symlinkSync("../../elsewhere", path.join(ws, ".opencode", "runs"));
    const namesBoth = (err: Error) => err.message.includes(path.join(ws, ".opencode", "runs")) && err.message.includes(elsewhere);
    await assert.rejects(prepareRunsRoot(ws), namesBoth);
    await assert.rejects(prepareRunFolder(ws, "s1"), namesBoth);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it("refuses `.opencode` itself linked out of the folder", async () => {
    const { ws, elsewhere } = layout();
    fs.symlinkSync("../elsewhere", path.join(ws, ".opencode"));
    await assert.rejects(prepareRunFolder(ws, "s1"), /outside the workspace folder/);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it("refuses a run folder or log that is a symlink out (a planted session folder)", async () => {
    const { ws, elsewhere } = layout();
    fs.mkdirSync(path.join(ws, ".opencode", "runs"), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(ws, ".opencode", "runs", "s1"));
    await assert.rejects(prepareRunFolder(ws, "s1"), /outside the workspace folder/);
    fs.mkdirSync(path.join(ws, ".opencode", "runs", "s2"));
    fs.symlinkSync(path.join(elsewhere, "log"), path.join(ws, ".opencode", "runs", "s2", "run.log"));
    await assert.rejects(prepareRunFolder(ws, "s2"), /run\.log/);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it("works in a folder reached through a symlink above it", async () => {
    const { ws } = layout();
    const link = path.join(path.dirname(ws), "link-to-ws");
    fs.symlinkSync(ws, link);
    const p = await prepareRunFolder(link, "s1");
    assert.equal(p.runDir, path.join(link, ".opencode", "runs", "s1"));
    assert.ok(fs.statSync(path.join(ws, ".opencode", "runs", "s1", "deliverables")).isDirectory());
  });
});

describe("resolveDeliverable", () => {
  let base: string, ws: string, p: RunPaths;
  const write = (rel: string, data: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
    fs.writeFileSync(path.join(base, rel), data);
    return path.join(base, rel);
  };
  const d = (rel = "") => path.join(p.deliverablesDir, rel);
  const ok = async (raw: string, kind?: string, at?: string) => {
    const r = await resolveDeliverable(p, raw);
    assert.ok(r.ok, `${JSON.stringify(raw)} refused: ${(r as { reason?: string }).reason}`);
    if (kind) assert.equal(r.kind, kind, raw);
    if (at) assert.equal(r.path, at, raw);
    return r;
  };
  const refused = async (raw: string, why: RegExp, paths = p) => {
    const r: Deliverable = await resolveDeliverable(paths, raw);
    assert.ok(!r.ok, `${JSON.stringify(raw)} accepted: ${JSON.stringify(r)}`);
    assert.match(r.reason, why, raw);
    if (raw.trim()) assert.ok(r.reason.includes(JSON.stringify(raw)), `the reason names the path: ${r.reason}`);
  };

  before(async () => {
    base = tmp();
    ws = path.join(base, "ws");
    fs.mkdirSync(ws);
    p = await prepareRunFolder(ws, "s1");
    write("ws/.opencode/runs/s1/deliverables/report.md", "# Report\n\nçà ✓\n");
    write("ws/.opencode/runs/s1/deliverables/sub/notes.txt", "notes\n");
    write("ws/.opencode/runs/s1/deliverables/empty.txt", "");
    write("ws/.opencode/runs/s1/outside-deliverables.md", "# in the run folder, not in deliverables\n");
    write("ws/.opencode/runs/x", "sibling of the run\n");
    write("secret.txt", "outside\n");
  });

  it("accepts a path relative to the run folder, or to the deliverables folder", async () => {
    await ok("deliverables/report.md", "markdown", d("report.md"));
    await ok("report.md", "markdown", d("report.md"));
    await ok("./deliverables/sub/../report.md", "markdown", d("report.md"));
    await ok("sub/notes.txt", "text", d("sub/notes.txt"));
    await ok("empty.txt", "text");
  });

  it("accepts an absolute path inside the deliverables folder", async () => {
    await ok(d("report.md"), "markdown", d("report.md"));
  });

  it("refuses .. escapes and absolute paths elsewhere", async () => {
    await refused("../x", /leads out of the deliverables folder/);
    await refused("deliverables/../../x", /leads out/);
    // Read against deliverables/ this one stays inside (deliverables/run.log), so it is merely missing there.
    await refused("deliverables/../run.log", /does not exist in the deliverables folder/);
    await refused("outside-deliverables.md", /does not exist in the deliverables folder/); // tried as deliverables/outside-deliverables.md
    await refused("../../../../secret.txt", /leads out/);
    await refused(path.join(base, "secret.txt"), /is outside the deliverables folder/);
    await refused(p.logFile, /is outside/);
    await refused(d("../../x"), /is outside/);
  });

  it("refuses a symlink inside deliverables that points outside, and accepts one that points inside", async () => {
    fs.symlinkSync(path.join(base, "secret.txt"), d("link-out.txt"));
    fs.symlinkSync(path.join(base, "ws"), d("dir-out"));
    fs.symlinkSync(d("report.md"), d("link-in.md"));
    fs.symlinkSync("sub", d("dir-in"));
    await refused("link-out.txt", /is a symlink to .*secret\.txt, outside the deliverables folder/);
    await refused("deliverables/dir-out/.opencode/runs/x", /symlink to .*outside/);
    await ok("link-in.md", "markdown", d("report.md"));
    await ok("dir-in/notes.txt", "text", d("sub/notes.txt"));
  });

  it("accepts the deliverables folder reached through a symlinked parent, in either spelling", async () => {
    const link = path.join(base, "ws-link");
    fs.symlinkSync(ws, link);
    const viaLink = runPaths(link, "s1");
    const r = await resolveDeliverable(viaLink, "report.md");
    assert.deepEqual(r, { ok: true, path: d("report.md"), kind: "markdown" });
    assert.ok((await resolveDeliverable(viaLink, path.join(viaLink.deliverablesDir, "report.md"))).ok);
    assert.ok((await resolveDeliverable(viaLink, d("report.md"))).ok, "the real spelling of an absolute path");
    // An absolute path is taken as the folder was given or as its real path, not through some other alias.
    assert.equal((await resolveDeliverable(p, path.join(viaLink.deliverablesDir, "report.md"))).ok, false);
  });

  it("refuses a missing file, a folder, a symlink loop and a FIFO", async () => {
    await refused("nope.md", /does not exist/);
    await refused("sub/nope/deeper.md", /does not exist/);
    await refused("report.md/x", /does not exist/);
    await refused("sub", /is a folder/);
    await refused("deliverables", /is a folder/);
    await refused(".", /is a folder/);
    fs.symlinkSync(d("loop-b"), d("loop-a"));
    fs.symlinkSync(d("loop-a"), d("loop-b"));
    await refused("loop-a", /symlink loop/);
    if (process.platform !== "win32") {
      assert.equal(spawnSync("mkfifo", [d("pipe.txt")]).status, 0);
      await refused("pipe.txt", /not a regular file/); // and it returns: nothing opened the FIFO for reading
    }
  });

  it("refuses empty paths and NUL characters", async () => {
    await refused("", /empty/);
    await refused("  ", /empty/);
    await refused("report.md\0.png", /NUL/);
  });

  it("refuses non-UTF-8 text and NUL bytes, in text and in Markdown", async () => {
    write("ws/.opencode/runs/s1/deliverables/latin1.txt", Buffer.from("caf\xe9\n", "latin1"));
    write("ws/.opencode/runs/s1/deliverables/latin1.md", Buffer.from("# caf\xe9\n", "latin1"));
    write("ws/.opencode/runs/s1/deliverables/nul.txt", Buffer.from("a\0b\n"));
    write("ws/.opencode/runs/s1/deliverables/program.bin", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]));
    write("ws/.opencode/runs/s1/deliverables/cut.txt", Buffer.from("✓").subarray(0, 2));
    for (const f of ["latin1.txt", "latin1.md", "nul.txt", "program.bin", "cut.txt"]) await refused(f, /not UTF-8 text/);
  });

  it("accepts UTF-8 text of any extension, with or without a BOM", async () => {
    write("ws/.opencode/runs/s1/deliverables/data.csv", "a,b\n1,ü\n");
    write("ws/.opencode/runs/s1/deliverables/Makefile", "all:\n\ttrue\n");
    write("ws/.opencode/runs/s1/deliverables/bom.txt", "\uFEFFhello\n");
    await ok("data.csv", "text");
    await ok("Makefile", "text");
    await ok("bom.txt", "text");
    write("ws/.opencode/runs/s1/deliverables/long.markdown", "x".repeat(100_000));
    await ok("long.markdown", "markdown");
  });

  it("tells images by extension, in any case, without reading them", async () => {
    for (const f of ["a.png", "b.JPG", "c.jpeg", "d.gif", "e.webp", "f.svg", "g.bmp", "h.ico"]) {
      write(`ws/.opencode/runs/s1/deliverables/${f}`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]));
      await ok(f, "image", d(f));
    }
  });

  it("refuses files over 20 MB, images included", async () => {
    for (const f of ["big.txt", "big.png"]) {
      fs.writeFileSync(d(f), "");
      fs.truncateSync(d(f), MAX_DELIVERABLE_BYTES + 1); // sparse: cheap to make
      await refused(f, /too large \(20\.1 MB; the limit is 20 MB\)/);
    }
    fs.writeFileSync(d("fits.txt"), "");
    fs.truncateSync(d("fits.txt"), MAX_DELIVERABLE_BYTES); // at the limit it is read, and the zeros are NULs
    await refused("fits.txt", /not UTF-8 text/);
  });

  it("refuses when the deliverables folder is missing", async () => {
    const gone = runPaths(path.join(base, "nowhere"), "s1");
    await refused("report.md", /deliverables folder .* does not exist/, gone);
  });
});
