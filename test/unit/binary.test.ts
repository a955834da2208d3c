// The `--version` check that decides whether a path is a usable opencode, on small real executables
// written to a temp folder: a slow start is not "not installed", nor is a crash or another program.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { findOpencode, OpencodeNotFoundError, OpencodeUnusableError, versionOf, VersionCheckError } from "../../src/server/binary";
import { toUserMessage } from "../../src/server/userMessage";
import { tempDirs } from "./tempTree";

/** Timeouts short enough for a test; the retry's is long, so a retry that answers always makes it. */
const quick = 150, retry = 10_000;

describe("the opencode executable's --version check (versionOf, findOpencode)", () => {
  const dirs = tempDirs("oc-bin-");
  after(() => dirs.removeAll());
  const script = (body: string): string => {
    const file = path.join(dirs.make(), "opencode");
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };
  const problem = (p: Promise<unknown>): Promise<VersionCheckError> => p.then(v => assert.fail(`resolved with ${v}`), (e: unknown) => {
    assert.ok(e instanceof VersionCheckError, `not a VersionCheckError: ${e}`);
    return e;
  });
  /** The script's runs, each appending its pid to `<script>.runs`. */
  const runs = (file: string): number[] => fs.existsSync(`${file}.runs`) ? fs.readFileSync(`${file}.runs`, "utf8").split("\n").filter(Boolean).map(Number) : [];

  it("takes opencode's bare version line", async () => {
    assert.equal(await versionOf(script("echo 1.18.33"), quick, retry), "1.18.33");
  });

  it("a missing path is 'not found'", async () => {
    const e = await problem(versionOf(path.join(dirs.make(), "nothing-here"), quick, retry));
    assert.equal(e.kind, "not found");
  });

  it("a non-zero exit is 'failed', with the exit code and the end of its stderr", async () => {
    const e = await problem(versionOf(script("echo 'loading' >&2\necho 'error: libfoo.so: cannot open shared object file' >&2\nexit 1"), quick, retry));
    assert.equal(e.kind, "failed");
    assert.match(e.message, /exited with code 1.*libfoo\.so: cannot open shared object file/);
  });

  it("a file whose interpreter is missing is 'failed', not 'not found'", async () => {
    const file = script("echo 1.18.33");
    fs.writeFileSync(file, "#!/nonexistent/interpreter\necho 1.18.33\n");
    const e = await problem(versionOf(file, quick, retry));
    assert.equal(e.kind, "failed");
    assert.match(e.message, /interpreter was not found/);
  });

  it("a crash is 'failed', naming the signal", async () => {
    const e = await problem(versionOf(script("kill -SEGV $$"), quick, retry));
    assert.equal(e.kind, "failed");
    assert.match(e.message, /SIGSEGV/);
  });

  it("a program whose output is not a version is 'not opencode', even with a version number in it", async () => {
    for (const out of ["Python 3.11.2", "hello"]) {
      const e = await problem(versionOf(script(`echo '${out}'`), quick, retry));
      assert.equal(e.kind, "not opencode", out);
      assert.ok(e.message.includes(out), e.message);
    }
  });

  it("a timeout is tried again with the longer timeout: a slow first start still finds opencode", async () => {
    // The first run hangs until killed; the second answers at once.
    const file = script(`echo $$ >> "$0.runs"\nn=$(wc -l < "$0.runs")\n[ $n -gt 1 ] && exec echo 1.18.33\nexec sleep 60`);
    assert.equal(await versionOf(file, quick, retry), "1.18.33");
    assert.equal(runs(file).length, 2);
  });

  it("a timeout on the retry too is 'timed out', and the hung processes are gone (a child holding the output included)", async () => {
    const file = script(`echo $$ >> "$0.runs"\nsleep 60 &\necho $! >> "$0.runs"\nwait`);
    const e = await problem(versionOf(file, quick, 2 * quick));
    assert.equal(e.kind, "timed out");
    assert.match(e.message, /did not answer within 0\.15 s, nor within 0\.3 s on a retry/);
    const pids = runs(file);
    assert.equal(pids.length, 4, "two runs, each a shell and its sleep");
    for (const pid of pids) await gone(pid);
  });

  it("findOpencode: candidates that exist but cannot be used are not 'not installed', and the text says what went wrong", async () => {
    const garbage = script("echo 'Python 3.11.2'");
    const err = await findOpencode({ env: { PATH: "" }, settingPath: garbage, npmGlobalPrefix: async () => undefined, timeoutMs: quick, retryTimeoutMs: retry }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof OpencodeUnusableError, `got ${err}`);
    assert.ok(!(err instanceof OpencodeNotFoundError));
    assert.deepEqual(err.tried.map(t => [t.source, t.kind]), [["opencode.path", "not opencode"], ["PATH", "not found"], ["npm global", "not found"]]);
    const text = toUserMessage(err);
    assert.match(text, /is not opencode/);
    assert.doesNotMatch(text, /install/i);

    const hung = script("exec sleep 60");
    const slow = await findOpencode({ env: { OPENCODE_BIN: hung, PATH: "" }, npmGlobalPrefix: async () => undefined, timeoutMs: quick, retryTimeoutMs: quick }).then(() => undefined, (e: unknown) => e);
    assert.ok(slow instanceof OpencodeUnusableError, `got ${slow}`);
    assert.match(toUserMessage(slow), /did not answer in time/);
    assert.doesNotMatch(toUserMessage(slow), /install/i);
  });

  it("findOpencode: no candidate anywhere is 'not found', the one problem whose text offers to install", async () => {
    const err = await findOpencode({ env: { PATH: "" }, settingPath: path.join(dirs.make(), "nothing-here"), npmGlobalPrefix: async () => undefined, timeoutMs: quick, retryTimeoutMs: retry }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof OpencodeNotFoundError, `got ${err}`);
    assert.match(toUserMessage(err), /Install it \(`npm install -g opencode-ai@1\.18\.33`\) or set opencode\.path/);
  });
});

describe("findOpencode and the supported version range (executables printing a version)", () => {
  const dirs = tempDirs("oc-ver-");
  after(() => dirs.removeAll());
  /** A folder holding an executable `opencode` that prints `out` as its --version. */
  const printing = (out: string): string => {
    const dir = dirs.make();
    fs.writeFileSync(path.join(dir, "opencode"), `#!/bin/sh\necho '${out}'\n`, { mode: 0o755 });
    return dir;
  };
  const none = { npmGlobalPrefix: async () => undefined, timeoutMs: 5_000, retryTimeoutMs: 10_000 };
  const refused = (o: Parameters<typeof findOpencode>[0]) => findOpencode(o).then(b => assert.fail(`used ${JSON.stringify(b)}`), (e: unknown) => {
    assert.ok(e instanceof OpencodeUnusableError, `got ${e}`);
    return e;
  });

  it("1.3.2 at opencode.path is refused as too old: the text names the version, the path and the pinned install", async () => {
    const bin = path.join(printing("1.3.2"), "opencode");
    const err = await refused({ env: { PATH: "" }, settingPath: bin, ...none });
    assert.deepEqual([err.first.source, err.first.kind, err.first.version], ["opencode.path", "unsupported version", "1.3.2"]);
    const text = toUserMessage(err);
    assert.ok(text.includes(`${bin} (opencode.path) is opencode 1.3.2, which is too old`), text);
    assert.ok(text.includes("npm install -g opencode-ai@1.18.33"), text);
  });

  it("opencode v2.0.0 on PATH is refused: 'not supported yet', with the 1.x to install beside it", async () => {
    const dir = printing("opencode v2.0.0");
    const err = await refused({ env: { PATH: dir }, ...none });
    assert.deepEqual([err.first.source, err.first.kind, err.first.version], ["PATH", "unsupported version", "2.0.0"]);
    const text = toUserMessage(err);
    assert.ok(text.includes(`${path.join(dir, "opencode")} (PATH) is opencode 2.0.0, and opencode 2.x is not supported yet`), text);
    assert.ok(text.includes("npm install --prefix ~/.opencode-1 opencode-ai@1.18.33"), text);
    assert.ok(text.includes("opencode.path to ~/.opencode-1/node_modules/.bin/opencode"), text);
  });

  it("the tested version is used with nothing to note; a newer 1.x is used, with a note naming it", async () => {
    const notes: string[] = [];
    const good = await findOpencode({ env: { PATH: printing("1.18.33") }, note: n => notes.push(n), ...none });
    assert.equal(good.version, "1.18.33");
    assert.equal(notes.length, 0, notes.join("\n"));
    const newer = await findOpencode({ env: { PATH: printing("1.19.0") }, note: n => notes.push(n), ...none });
    assert.equal(newer.version, "1.19.0");
    assert.equal(notes.length, 1);
    assert.match(notes[0], /opencode 1\.19\.0 at .* is newer than the 1\.18\.33 this extension was tested with; it is used/);
  });

  it("a 2.x at opencode.path with a good opencode on PATH: PATH's is used, and the log notes the 2.x passed over", async () => {
    const notes: string[] = [];
    const two = path.join(printing("opencode v2.0.0"), "opencode"), good = printing("1.18.33");
    const found = await findOpencode({ env: { PATH: good }, settingPath: two, note: n => notes.push(n), ...none });
    assert.deepEqual([found.source, found.path], ["PATH", path.join(good, "opencode")]);
    assert.equal(notes.length, 1);
    assert.ok(notes[0].includes(`passed over opencode.path (${two}): is opencode 2.0.0: opencode 2.x is not supported yet`), notes[0]);
  });

  it("opencode.path takes ~/…, expanded to the home folder", async () => {
    const home = dirs.make();
    fs.mkdirSync(path.join(home, ".opencode-1", "node_modules", ".bin"), { recursive: true });
    fs.copyFileSync(path.join(printing("1.18.33"), "opencode"), path.join(home, ".opencode-1", "node_modules", ".bin", "opencode"));
    const found = await findOpencode({ env: { PATH: "" }, settingPath: "~/.opencode-1/node_modules/.bin/opencode", home, ...none });
    assert.deepEqual([found.source, found.path, found.version], ["opencode.path", path.join(home, ".opencode-1", "node_modules", ".bin", "opencode"), "1.18.33"]);
  });

  it("a relative opencode.path is refused naming the setting, never run from wherever the host happens to be", async () => {
    const err = await refused({ env: { PATH: "" }, settingPath: "node_modules/.bin/opencode", ...none });
    assert.equal(err.first.kind, "bad path");
    assert.match(toUserMessage(err), /^opencode\.path "node_modules\/\.bin\/opencode" is not an absolute path: set it to the full path/);
  });
});

/** Waits until `pid` is no live process (a zombie counts as gone: it runs nothing). */
async function gone(pid: number): Promise<void> {
  for (let i = 0; ; i++) {
    let stat = "";
    try { stat = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim(); } catch { return; /* ps exits 1: no such process */ }
    if (!stat || stat.startsWith("Z")) return;
    if (i > 100) assert.fail(`process ${pid} still runs (${stat})`);
    await new Promise(r => setTimeout(r, 50));
  }
}
