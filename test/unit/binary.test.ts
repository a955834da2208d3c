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
    assert.match(toUserMessage(err), /Install it or set opencode\.path/);
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
