// The shell escape corpus: every command the run ask policy accepts is run for real in every POSIX
// shell it answers for, in a temporary run folder, and afterwards no file exists outside that folder.
// The policy reasons about the shell on paper (literalShell.ts); this checks the paper against the
// shells. A shell that is not installed is skipped by name (CI installs all of them, .ci/apt-packages.sh).
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PermissionRequest } from "../../src/protocol/ask";
import { isRunOnlyAsk } from "../../src/runs/engine/runAskPolicy";
import { isInside } from "../../src/common/paths";
import { tempDirs } from "./tempTree";

/** `R`: the run folder, `O`: a folder outside it; both absolute. */
type Corpus = ((R: string, O: string) => string)[];

/** The forms a run's agent uses: each must be accepted, and must succeed in every shell. */
const works: Corpus = [
  (R) => `echo "STATUS: 40% parsing; a && b | c" >> ${R}/run.log && echo 'lit $HOME \`id\` $(touch x)' >> ${R}/run.log`,
  (R) => `echo -n "STATUS: 5%" >>${R}/run.log`,
  (R) => `printf '%s\\n' "x=1,y=2" >> ${R}/run.log`,
  (R) => `mkdir -p ${R}/deliverables/charts && touch ${R}/deliverables/charts/a.txt ${R}/b.txt`,
  (R) => `mkdir ${R}/new; echo ok > ${R}/new/c.txt`,
  (R, O) => `cat > ${R}/deliverables/r.md <<'EOF'\n$(touch ${O}/p) \`touch ${O}/q\` \\ "q"\nEOF\necho done >> ${R}/run.log`,
  (R) => `cat >> ${R}/run.log <<EOF\nplain: 50% done\nEOF`,
  (R) => `echo x >> ${R}/./deliverables//a.txt`,
  (R) => `echo "a\\nb" 'it"s' "don't" >> ${R}/run.log\necho b >> ${R}/run.log\n`,
];

/** Attempts to write to `O` while looking like a write to `R`: whatever the policy accepts must stay in `R`. */
const hostile: Corpus = [
  (R, O) => `mkdir ${R}/a,${O}/p`,
  (R, O) => `touch ${R}/a,${O}/p`,
  (R, O) => `touch "${R}/a"${O}/p`,
  (R, O) => `touch '${R}/a'${O}/p`,
  (R, O) => `touch ${R}/a ${O}/p`,
  (R, O) => `mkdir -p ${R}/{a,${O}/p}`,
  (R, O) => `echo x >> ${R}/run.log 2>${O}/p`,
  (R, O) => `echo x >> ${R}/run.log >> ${O}/p`,
  (R, O) => `echo x >> ${R}/run.log &>${O}/p`,
  (_R, O) => `echo x >| ${O}/p`,
  (R, O) => `echo x >> ${R}/run.log;touch ${O}/p`,
  (R, O) => `echo x >> ${R}/run.log\ntouch ${O}/p`,
  (R, O) => `echo "$(touch ${O}/p)" >> ${R}/run.log`,
  (R, O) => `echo \`touch ${O}/p\` >> ${R}/run.log`,
  (R, O) => `cat > ${R}/r <<EOF\n$(touch ${O}/p)\nEOF`,
  (R, O) => `cat > ${R}/r <<EOF\nx\\\nEOF\ntouch ${O}/p\nEOF`,
  (R) => `echo x >> ${R}/../../../../out/p`,
  (R, O) => `echo x >> ${R}/\\\n${O}/p`,
  (_R, O) => `echo x >> =touch ${O}/p`,
  (R, O) => `echo x >> ${R}/run.log =(touch ${O}/p)`,
  (R, O) => `echo x > ${R}/*(e:'touch ${O}/p':)`,
  (R, O) => `echo x >> ${R}/run.log | touch ${O}/p`,
  (R, O) => `echo x >> ${R}/run.log || touch ${O}/p`,
  (R, O) => `echo x >> ${R}/~${O}/p`,
  (R, O) => `printf -v x '%s' y >> ${R}/run.log; touch ${O}/p`,
];

/** Name the outside folder but only as text or inside a run folder's path: accepted, and harmless. */
const lookalikes: Corpus = [
  (R, O) => `touch ${R}/a=${O}/p`,
  (R, O) => `echo 'x' >> '${R}/run.log' '' ${O}/p`,
  (R, O) => `echo x >> ${R}/run.log ${O}/p`,
];

const shells = ["bash", "dash", "sh", "zsh", "ksh"];
const installed = (sh: string) => spawnSync(sh, ["-c", "true"]).status === 0;

describe("run ask policy against real shells (shell escape corpus)", function () {
  this.timeout(60_000);
  const dirs = tempDirs("run-shells-");
  after(() => dirs.removeAll());

  /** A workspace with a run folder, a folder outside it, and the shell's cwd in the workspace. */
  function tree(): { ws: string; R: string; O: string } {
    const root = dirs.make();
    const ws = path.join(root, "ws"), R = path.join(ws, ".opencode", "runs", "ses_1"), O = path.join(root, "out");
    fs.mkdirSync(path.join(R, "deliverables"), { recursive: true });
    fs.mkdirSync(O);
    return { ws, R, O };
  }

  /** Every path under the temp root that is neither the run folder's content, its parents nor the empty `out`. */
  function strays(R: string, O: string): string[] {
    const root = path.dirname(O);
    const all = fs.readdirSync(root, { recursive: true }).map(p => path.join(root, String(p)));
    return all.filter(p => !isInside(R, p) && !isInside(p, R) && p !== O);
  }

  const accepts = (command: string, R: string, name: string) =>
    isRunOnlyAsk(PermissionRequest.parse({ id: "per_1", sessionID: "ses_1", permission: "bash", patterns: [], metadata: { command }, always: [] }),
      { runDir: R, patternRoot: "/", shell: { posix: true, name } });

  for (const sh of shells) {
    it(`${sh}: every accepted form runs and writes only inside the run folder`, function () {
      if (!installed(sh)) { console.log(`      skipped: ${sh} is not installed`); this.skip(); }
      for (const form of works) {
        const { ws, R, O } = tree();
        const command = form(R, O);
        assert.deepEqual(accepts(command, R, sh), { ok: true }, command);
        const r = spawnSync(sh, ["-c", command], { cwd: ws, encoding: "utf8" });
        assert.equal(r.status, 0, `${sh} -c ${JSON.stringify(command)}: ${r.stderr}`);
        assert.deepEqual(strays(R, O), [], `${sh} -c ${JSON.stringify(command)}`);
        assert.ok(fs.readdirSync(R).length > 0, `${JSON.stringify(command)} wrote nothing at all`);
      }
    });

    it(`${sh}: every hostile form is refused, and the look-alikes it accepts write only inside the run folder`, function () {
      if (!installed(sh)) { console.log(`      skipped: ${sh} is not installed`); this.skip(); }
      for (const form of hostile) {
        const { R, O } = tree();
        const command = form(R, O);
        assert.equal(accepts(command, R, sh).ok, false, `accepted ${JSON.stringify(command)}`);
      }
      for (const form of lookalikes) {
        const { ws, R, O } = tree();
        const command = form(R, O);
        assert.deepEqual(accepts(command, R, sh), { ok: true }, command);
        spawnSync(sh, ["-c", command], { cwd: ws, encoding: "utf8" });
        assert.deepEqual(strays(R, O), [], `${sh} -c ${JSON.stringify(command)}`);
      }
    });
  }

  it("the hostile forms do escape when a shell runs them unchecked (the corpus is not toothless)", function () {
    if (!installed("bash")) this.skip();
    let escaped = 0;
    for (const form of hostile) {
      const { ws, R, O } = tree();
      spawnSync("bash", ["-c", form(R, O)], { cwd: ws, encoding: "utf8" });
      if (strays(R, O).length) escaped++;
    }
    assert.ok(escaped >= hostile.length / 2, `only ${escaped} of ${hostile.length} escape under bash`);
  });
});
