// Which permission asks a run answers by itself: only those whose sole target is the run folder.
import * as assert from "node:assert/strict";
import { PermissionRequest } from "../../src/protocol/ask";
import { isRunOnlyAsk, type RunScope } from "../../src/runs/engine/runAskPolicy";
import { runShell } from "../../src/runs/engine/runShell";
import { fixtureNames, knownEvents, loadFixture } from "./recordedFixtures";

const ws = "/home/dev/ws";
const run = `${ws}/.opencode/runs/ses_run1`;
const log = `${run}/run.log`;
const bashShell = { posix: true, name: "bash" } as const;
const scope: RunScope = { runDir: run, patternRoot: ws, shell: bashShell };

const ask = (permission: string, patterns: string[], metadata: Record<string, unknown>) =>
  PermissionRequest.parse({ id: "per_1", sessionID: "ses_run1", permission, patterns, metadata, always: ["*"] });
const bash = (command: string, patterns: string[] = []) => ask("bash", patterns, { command });
const edit = (patterns: string[], filepath?: string, extra: Record<string, unknown> = {}) =>
  ask("edit", patterns, { ...(filepath === undefined ? {} : { filepath }), diff: "", ...extra });

function accepted(a: PermissionRequest, s: RunScope = scope): void {
  assert.deepEqual(isRunOnlyAsk(a, s), { ok: true }, JSON.stringify(a.metadata.command ?? a.patterns));
}
function refused(a: PermissionRequest, why: RegExp, s: RunScope = scope): void {
  const v = isRunOnlyAsk(a, s);
  assert.equal(v.ok, false, `accepted ${JSON.stringify(a.metadata.command ?? a.patterns)}`);
  if (!v.ok) assert.match(v.why, why);
}

describe("run ask policy: bash", () => {
  const ok = [
    `echo "STATUS: 40% parsing" >> ${log}`,
    `echo 'RESULT: a; b && c | d $HOME \`x\`' >> ${log}`,
    `echo "done; really && truly" >> ${log}`,
    `echo -n "STATUS: 5%" >>${log}`,
    `echo "" >> ${log}`,
    `echo "a\\nb" >> ${log}`,
    `printf '%s\\n' "STATUS: 10%" >> ${log}`,
    `mkdir -p ${run}/deliverables/charts && echo "STATUS: 50%" >> ${log}`,
    `mkdir ${run}/deliverables/x`,
    `touch ${run}/deliverables/a.txt; echo ok > ${run}/deliverables/b.txt`,
    `cat > ${run}/deliverables/report.md <<'EOF'\n# Report\nCost: $5, \`date\`, \\n; rm -rf /\nEOF`,
    `cat <<"EOF" > ${run}/deliverables/r.md\n$HOME\nEOF`,
    `cat >> ${log} <<EOF\nSTATUS: 90% writing\nEOF\necho "STATUS: 100%" >> ${log}`,
    `echo a >> ${log}\necho b >> ${log}\n`,
    `echo x >> ${run}/./deliverables//a.txt`,
  ];
  for (const command of ok) it(`accepts ${JSON.stringify(command)}`, () => accepted(bash(command)));

  const no: [string, RegExp][] = [
    ["echo x >> ../../etc/passwd", /not an absolute path/],
    ["echo x >> run.log", /not an absolute path/],
    [`echo x >> ${run}/../../../../etc/passwd`, /`\.\.` segment/],
    [`echo x >> ${run}/deliverables/../run.log`, /`\.\.` segment/],
    [`mkdir -p ${run}/a/../../x`, /`\.\.` segment/],
    [`echo x >> ${run}-evil/run.log`, /outside the run folder/],
    [`echo x >> ${run}/../ses_other/run.log`, /`\.\.` segment/],
    ["echo x >> /etc/passwd", /outside the run folder/],
    [`echo x >> ${log}; rm -rf /`, /`rm` is not/],
    [`echo $(rm -rf /) >> ${log}`, /\$/],
    [`echo \`id\` >> ${log}`, /backtick/],
    [`echo $HOME >> ${log}`, /\$/],
    [`echo x | tee ${log}`, /pipe/],
    [`echo x >> ${log} 2>&1`, /file descriptor/],
    [`echo 'x >> ${log}`, /unterminated/],
    [`cat > ${log} <<EOF\n$HOME\nEOF`, /heredoc/],
    [`cat > /tmp/x <<'EOF'\nx\nEOF`, /outside the run folder/],
    [`cat ${log}`, /`cat` with arguments/],
    [`cat > ${log}`, /exactly one heredoc/],
    [`echo x > ${run}/*.log`, /glob/],
    ["echo x", /exactly one `>`/],
    [`echo x >> ${log} >> /tmp/y`, /exactly one `>`/],
    [`echo x <<'EOF' >> ${log}\nx\nEOF`, /a heredoc on `echo`/],
    [`/bin/echo x >> ${log}`, /`\/bin\/echo` is not/],
    [`./echo x >> ${log}`, /`\.\/echo` is not/],
    [`"echo" x >> ${log}`, /quoted command name/],
    [`rm -rf ${run}`, /`rm` is not/],
    [`cp /etc/passwd ${run}/`, /`cp` is not/],
    [`tee ${log}`, /`tee` is not/],
    [`sh -c 'echo x >> ${log}'`, /`sh` is not/],
    [`bash -c 'echo x >> ${log}'`, /`bash` is not/],
    [`env echo x >> ${log}`, /`env` is not/],
    [`FOO=1 echo x >> ${log}`, /`FOO=1` is not/],
    [`cd ${run} && echo x >> run.log`, /`cd` is not/],
    ["mkdir -p /tmp/x", /outside the run folder/],
    [`mkdir -p ${run}/a /tmp/b`, /outside the run folder/],
    [`mkdir -m 777 ${run}/x`, /only `mkdir -p`/],
    [`touch -r /etc/passwd ${run}/x`, /only `mkdir -p`/],
    [`touch ${run}/x > /tmp/y`, /a redirect on `touch`/],
    ["touch", /with no path/],
    [`printf -v x y >> ${log}`, /format that is not an option/],
    [`echo 'it’s' >> ${log}`, /typographic quote/],
    ["", /empty command/],
    // PowerShell reads a comma as an array and splits a word whose quoted part adjoins another part
    // into two arguments: each of these creates a file outside the run folder there.
    [`mkdir ${run}/a,/home/dev/out/p`, /comma/],
    [`touch ${run}/a,/home/dev/out/p`, /comma/],
    [`touch "${run}/a"/home/dev/out/p`, /quoted part adjoins/],
    [`touch '${run}/a'/home/dev/out/p`, /quoted part adjoins/],
    [`echo x >> '${run}/a'/b`, /quoted part adjoins/],
  ];
  for (const [command, why] of no) it(`refuses ${JSON.stringify(command)}`, () => refused(bash(command), why));

  it("refuses an ask with no command string", () => refused(ask("bash", ["echo x"], {}), /no command/));

  it("cross-checks opencode's patterns: each must name a parsed command", () => {
    const command = `echo "STATUS: 1%" >> ${log} && mkdir -p ${run}/d`;
    accepted(bash(command, [`echo "STATUS: 1%" >> ${log}`, `mkdir -p ${run}/d`]));
    refused(bash(command, [`echo "STATUS: 1%" >> ${log}`, "rm -rf /"]), /names `rm`/);
  });

  it("refuses every bash ask recorded from opencode (none targets a run folder)", () => {
    const recorded = recordedAsks().filter(a => a.permission === "bash");
    assert.ok(recorded.length > 0);
    for (const a of recorded) refused(a, /not an absolute path|needs exactly one/);
  });
});

describe("run ask policy: edit", () => {
  const rel = ".opencode/runs/ses_run1";

  it("accepts a write inside the run folder (patterns relative to the git root)", () => {
    accepted(edit([`${rel}/deliverables/a.md`], `${run}/deliverables/a.md`));
    accepted(edit([`${rel}/run.log`]));
  });

  it("accepts patterns relative to a git root above the workspace folder", () => {
    accepted(edit([`ws/${rel}/run.log`], log), { ...scope, patternRoot: "/home/dev" });
  });

  it("outside git, patterns are relative to / and still checked", () => {
    const outsideGit: RunScope = { ...scope, patternRoot: "/" };
    accepted(edit([`home/dev/ws/${rel}/run.log`], log), outsideGit);
    refused(edit(["home/dev/ws/b.txt"], `${ws}/b.txt`), /outside the run folder/, outsideGit);
    refused(edit([`${rel}/run.log`], log), /outside the run folder/, outsideGit);
  });

  it("refuses when any pattern or the filepath is outside the run folder", () => {
    refused(edit(["b.txt"], `${ws}/b.txt`), /edit of b\.txt/);
    refused(edit([`${rel}/a.md`], `${ws}/b.txt`), /outside the run folder/);
    refused(edit([`${rel}/a.md`, "b.txt"], `${run}/a.md`), /edit of b\.txt/);
    refused(edit(["../outside/ext.txt"], "/home/dev/outside/ext.txt"), /outside the run folder/);
    refused(edit([`${rel}/../../../b.txt`], `${run}/../../../b.txt`), /outside the run folder/);
    refused(edit([`${rel}-evil/a.md`]), /outside the run folder/);
  });

  it("refuses an edit with no patterns or a malformed filepath", () => {
    refused(edit([], `${run}/a.md`), /no patterns/);
    refused(ask("edit", [`${rel}/a.md`], { filepath: 3 }), /non-string filepath/);
  });

  it("checks apply_patch's files, including a move's destination", () => {
    const files = [{ filePath: `${run}/a.md`, relativePath: `${rel}/a.md` }, { filePath: `${run}/b.md`, movePath: `${run}/deliverables/b.md` }];
    accepted(edit([`${rel}/a.md`, `${rel}/b.md`], `${rel}/a.md, ${rel}/b.md`, { files }));
    const escape = [{ filePath: `${run}/b.md`, movePath: `${ws}/src/b.md` }];
    refused(edit([`${rel}/b.md`], `${rel}/b.md`, { files: escape }), /src\/b\.md is outside/);
    refused(edit([`${rel}/b.md`], `${rel}/b.md`, { files: [{ movePath: `${run}/c.md` }] }), /malformed files entry/);
    refused(edit([`${rel}/b.md`], `${rel}/b.md`, { files: "x" }), /not a list/);
  });

  it("refuses every edit ask recorded from opencode, and accepts the same ask moved into the run folder", () => {
    const recorded = recordedAsks().filter(a => a.permission === "edit");
    assert.ok(recorded.length > 0);
    for (const a of recorded) refused(a, /outside the run folder/);
    const write = recorded[0];
    const file = String(write.metadata.filepath).split("/").pop()!;
    accepted({ ...write, patterns: [`${rel}/deliverables/${file}`], metadata: { ...write.metadata, filepath: `${run}/deliverables/${file}` } });
  });
});

describe("run ask policy: everything else", () => {
  for (const permission of ["webfetch", "external_directory", "read", "task", "doom_loop", "websearch", "question"]) {
    it(`refuses ${permission}`, () => refused(ask(permission, [`${run}/*`], { filepath: log }), new RegExp(`${permission} asks always go to the user`)));
  }

  it("refuses every non-edit, non-bash ask recorded from opencode", () => {
    const other = recordedAsks().filter(a => a.permission !== "edit" && a.permission !== "bash");
    assert.ok(other.some(a => a.permission === "external_directory"));
    for (const a of other) refused(a, /always go to the user/);
  });

  it("refuses everything when the run folder is the root or relative", () => {
    refused(edit(["run.log"], "/run.log"), /not an absolute folder below the root/, { ...scope, runDir: "/", patternRoot: "/" });
    refused(bash("echo x >> /r/run.log"), /not an absolute folder/, { ...scope, runDir: "r" });
    refused(edit([`x`]), /pattern root/, { ...scope, patternRoot: "." });
  });
});

describe("run ask policy: the shell opencode runs commands with", () => {
  const append = bash(`echo "STATUS: 1%" >> ${log}`);
  const write = edit([".opencode/runs/ses_run1/run.log"], log);

  it("answers bash asks for the POSIX shells it models", () => {
    for (const name of ["sh", "bash", "dash", "zsh", "ksh"]) accepted(append, { ...scope, shell: { posix: true, name } });
  });

  it("sends every bash ask to the user under PowerShell or any other shell, and still answers edits", () => {
    for (const shell of [runShell({ config: {}, envShell: "/usr/bin/pwsh" }), runShell({ config: {}, envShell: "/usr/bin/fish" })]) {
      const s = { ...scope, shell };
      refused(append, /bash asks go to the user/, s);
      refused(bash(`touch ${run}/a`), /bash asks go to the user/, s);
      accepted(write, s);
    }
  });

  it("sends every ask of an attached server to the user, edits included", () => {
    const s = { ...scope, shell: runShell({ attached: true }) };
    refused(append, /attached/, s);
    refused(write, /attached/, s);
  });
});

/** Every permission ask in the recordings, re-scoped to a run folder inside the recording's workspace. */
function recordedAsks(): PermissionRequest[] {
  const asks = new Map<string, PermissionRequest>();
  for (const name of fixtureNames()) {
    const fixture = loadFixture(name);
    for (const event of knownEvents(fixture.streams.get("event") ?? [])) {
      if (event.type === "permission.asked") asks.set(event.properties.id, event.properties);
    }
  }
  // The recordings' workspace is where their runs would live; swap it for the test's one.
  const recordedWs = "/home/dev/oc-record/scenarios/ws";
  const swap = (v: string) => v.split(recordedWs).join(ws);
  return [...asks.values()].map(a => ({
    ...a,
    patterns: a.patterns.map(swap),
    metadata: Object.fromEntries(Object.entries(a.metadata).map(([k, v]) => [k, typeof v === "string" ? swap(v) : v])),
  }));
}
