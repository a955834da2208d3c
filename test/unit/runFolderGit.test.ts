// Keeping run folders out of git: a real `git init` (and worktree, separate git dir) in temporary folders,
// and `git check-ignore` to see that git reads the exclude line as meant.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { prepareRunFolder } from "../../src/runs/engine/runFolder";
import { git, tempDirs } from "./tempTree";

const dirs = tempDirs("runfolder-git-");
const tmp = dirs.make;
after(dirs.removeAll);

const ignored = (cwd: string, rel: string): boolean => git(cwd, "check-ignore", "-q", "--no-index", rel).status === 0;
const excludeLines = (gitDir: string): string[] => fs.readFileSync(path.join(gitDir, "info", "exclude"), "utf8").split("\n").filter(l => l && !l.startsWith("#"));

describe("prepareRunFolder and git", () => {
  it("outside git it changes nothing else", async () => {
    const ws = tmp();
    assert.notEqual(git(ws, "rev-parse", "--git-dir").status, 0, "the temp folder must not be inside a repository");
    const p = await prepareRunFolder(ws, "s1");
    assert.equal(p.warning, undefined);
    assert.deepEqual(fs.readdirSync(ws), [".opencode"]);
  });

  it("excludes the run folders of a repository root, as git sees it", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    const p = await prepareRunFolder(repo, "s1");
    assert.equal(p.warning, undefined);
    assert.ok(excludeLines(path.join(repo, ".git")).includes("/.opencode/runs/"));
    fs.writeFileSync(path.join(p.deliverablesDir, "report.md"), "# r\n");
    fs.mkdirSync(path.join(repo, ".opencode", "agent"));
    fs.writeFileSync(path.join(repo, ".opencode", "agent", "a.md"), "config people commit\n");
    assert.deepEqual(git(repo, "status", "--porcelain", "--untracked-files=all").out.trim().split("\n"), ["?? .opencode/agent/a.md"]);
  });

  it("writes the pattern relative to the repository root when the folder is a subfolder", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    const pkg = path.join(repo, "pkg");
    fs.mkdirSync(pkg);
    await prepareRunFolder(pkg, "s1");
    assert.ok(excludeLines(path.join(repo, ".git")).includes("/pkg/.opencode/runs/"));
    assert.ok(ignored(repo, "pkg/.opencode/runs/s1/run.log"));
    assert.ok(!ignored(repo, ".opencode/runs/s1/run.log"), "only the subfolder's runs");
  });

  it("escapes glob characters in folder names", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    const odd = path.join(repo, "a[1]*?");
    fs.mkdirSync(odd);
    await prepareRunFolder(odd, "s1");
    assert.ok(excludeLines(path.join(repo, ".git")).includes("/a\\[1]\\*\\?/.opencode/runs/"));
    assert.ok(ignored(repo, "a[1]*?/.opencode/runs/s1/run.log"));
    assert.ok(!ignored(repo, "a1xy/.opencode/runs/s1/run.log"), "the brackets and stars are literal");
  });

  it("adds the line once: again, concurrently, and after an exclude file without a final newline", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    const exclude = path.join(repo, ".git", "info", "exclude");
    fs.writeFileSync(exclude, "# mine\n*.log");
    await prepareRunFolder(repo, "s1");
    await prepareRunFolder(repo, "s2");
    await Promise.all(["s3", "s4", "s5"].map(id => prepareRunFolder(repo, id)));
    assert.equal(fs.readFileSync(exclude, "utf8"), "# mine\n*.log\n/.opencode/runs/\n");
  });

  it("creates info/exclude when the repository has none", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    fs.rmSync(path.join(repo, ".git", "info"), { recursive: true, force: true });
    assert.equal((await prepareRunFolder(repo, "s1")).warning, undefined);
    assert.ok(ignored(repo, ".opencode/runs/s1/run.log"));
  });

  it("in a linked worktree (.git is a file) writes the main repository's info/exclude, relative to the worktree", async () => {
    const base = tmp();
    const main = path.join(base, "main");
    fs.mkdirSync(main);
    git(main, "init", "-q");
    git(main, "commit", "-q", "--allow-empty", "-m", "init");
    const wt = path.join(base, "wt");
    assert.equal(git(main, "worktree", "add", "-q", wt).status, 0);
    assert.ok(fs.statSync(path.join(wt, ".git")).isFile());
    const sub = path.join(wt, "sub");
    fs.mkdirSync(sub);
    assert.equal((await prepareRunFolder(sub, "s1")).warning, undefined);
    assert.deepEqual(excludeLines(path.join(main, ".git")), ["/sub/.opencode/runs/"]);
    assert.ok(!fs.existsSync(path.join(main, ".git", "worktrees", "wt", "info", "exclude")), "git does not read a per-worktree exclude");
    assert.ok(ignored(wt, "sub/.opencode/runs/s1/run.log"));
  });

  it("with a separate git dir (a .git file, no commondir) writes that git dir's exclude", async () => {
    const base = tmp();
    const work = path.join(base, "work");
    assert.equal(git(base, "init", "-q", `--separate-git-dir=${path.join(base, "sep.git")}`, work).status, 0);
    await prepareRunFolder(work, "s1");
    assert.deepEqual(excludeLines(path.join(base, "sep.git")), ["/.opencode/runs/"]);
    assert.ok(ignored(work, ".opencode/runs/s1/run.log"));
  });

  it("follows a symlinked folder to the real repository", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    fs.mkdirSync(path.join(repo, "pkg"));
    const link = path.join(tmp(), "link");
    fs.symlinkSync(path.join(repo, "pkg"), link);
    await prepareRunFolder(link, "s1");
    assert.ok(excludeLines(path.join(repo, ".git")).includes("/pkg/.opencode/runs/"));
  });

  it("turns exclude problems into a warning and still prepares the run", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    const exclude = path.join(repo, ".git", "info", "exclude");
    fs.rmSync(exclude);
    fs.mkdirSync(exclude);
    const p = await prepareRunFolder(repo, "s1");
    assert.match(p.warning ?? "", /info\/exclude/);
    assert.ok(fs.existsSync(p.logFile));

    const odd = tmp();
    fs.writeFileSync(path.join(odd, ".git"), "not a gitdir line\n");
    const q = await prepareRunFolder(odd, "s1");
    assert.match(q.warning ?? "", /without a "gitdir:" line/);
    assert.ok(fs.existsSync(q.deliverablesDir));
  });
});
