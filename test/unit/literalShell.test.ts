// The literal shell subset: what it returns for the forms a run uses, what it refuses, and that
// real shells (bash and dash here) read the accepted forms the same way.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseLiteralShell, type ShellCommand } from "../../src/runs/engine/literalShell";

function parsed(source: string): ShellCommand[] {
  const r = parseLiteralShell(source);
  if (!r.ok) assert.fail(`refused ${JSON.stringify(source)}: ${r.why}`);
  return r.commands;
}
const words = (c: ShellCommand) => c.words.map(w => w.text);

function refusedBecause(source: string, why: RegExp): void {
  const r = parseLiteralShell(source);
  assert.equal(r.ok, false, `accepted ${JSON.stringify(source)}`);
  if (!r.ok) assert.match(r.why, why, JSON.stringify(source));
}

describe("literal shell subset (literalShell)", () => {
  it("splits on &&, ; and newlines, and keeps separators inside quotes as text", () => {
    const cs = parsed(`echo "a; b && c" >> /r/log && echo 'x | y $HOME \`id\`' > /r/o; echo z>>/r/log\n\necho "" >> /r/log;`);
    assert.deepEqual(cs.map(words), [["echo", "a; b && c"], ["echo", "x | y $HOME `id`"], ["echo", "z"], ["echo", ""]]);
    assert.deepEqual(cs.map(c => c.redirects.map(r => `${r.op}${r.target.text}`)), [[">>/r/log"], [">/r/o"], [">>/r/log"], [">>/r/log"]]);
  });

  it("marks a word quoted when it is one quoted string", () => {
    assert.deepEqual(parsed(`echo 'STATUS: 40%' "parsing" x >> /r/log`)[0].words.slice(1), [
      { text: "STATUS: 40%", quoted: true }, { text: "parsing", quoted: true }, { text: "x", quoted: false },
    ]);
  });

  it("keeps a backslash inside double quotes when POSIX would keep it too", () => {
    assert.equal(parsed(`echo "a\\nb\\tc" >> /r/log`)[0].words[1].text, "a\\nb\\tc");
  });

  it("reads heredoc bodies after the line, in order, and goes on after the delimiter", () => {
    const cs = parsed("cat > /r/a <<'A' && cat >> /r/b <<B\n$x `y` \\z\nA\nplain text\nB\necho done >> /r/log");
    assert.deepEqual(cs.map(words), [["cat"], ["cat"], ["echo", "done"]]);
    assert.deepEqual(cs[0].heredocs, [{ delimiter: "A", quoted: true, body: "$x `y` \\z\n" }]);
    assert.deepEqual(cs[1].heredocs, [{ delimiter: "B", quoted: false, body: "plain text\n" }]);
  });

  it("continues an && list on the next line, as the shell does", () => {
    assert.deepEqual(parsed("echo a >> /r/log &&\n\necho b >> /r/log").map(words), [["echo", "a"], ["echo", "b"]]);
  });

  const refusals: [string, RegExp][] = [
    ["echo $(id) >> /r/log", /\$/],
    ["echo ${HOME} >> /r/log", /\$/],
    ["echo \"$HOME\" >> /r/log", /inside double quotes/],
    ["echo `id` >> /r/log", /backtick/],
    ["echo \"`id`\" >> /r/log", /backtick/],
    ["echo x | tee /r/log", /pipe/],
    ["echo x >> /r/log || rm -rf /", /\|\|/],
    ["echo x >> /r/log &", /background/],
    ["echo x &> /r/log", /&>/],
    ["echo x >> /r/log 2>&1", /file descriptor redirect `2>`/],
    ["echo x 1>> /r/log", /file descriptor redirect/],
    ["echo x >&2", />&/],
    ["echo x >| /r/log", />\|/],
    ["cat < /etc/passwd > /r/log", /input redirection/],
    ["cat <<< x > /r/log", /here-string/],
    ["cat > /r/log <<-EOF\n\tx\n\tEOF", /<<-/],
    ["echo 'open >> /r/log", /unterminated single quote/],
    ["echo \"open >> /r/log", /unterminated double quote/],
    ["cat > /r/log <<EOF\nhome is $HOME\nEOF", /heredoc `EOF`/],
    ["cat > /r/log <<EOF\nnow `date`\nEOF", /heredoc `EOF`/],
    ["cat > /r/log <<EOF\nx\\\nEOF\nEOF", /heredoc `EOF`/],
    ["cat > /r/log <<'EOF'\nno end", /not terminated/],
    ["cat > /r/log <<'EOF'", /has no body/],
    ["cat > /r/log <<", /no target/],
    ["echo x >> /r/*.log", /glob/],
    ["echo x? >> /r/log", /glob/],
    ["echo x >> ~/log", /~/],
    ["(echo x >> /r/log)", /subshell/],
    ["{ echo x >> /r/log; }", /\{/],
    ["echo {a,b} >> /r/log", /brace/],
    ["echo x >(rm y)", /\(/],
    ["echo x >> /r/log # note", /comment/],
    ["echo x >> /r/log \\\n; rm y", /backslash outside quotes/],
    ["echo \\'x >> /r/log", /backslash outside quotes/],
    ["echo \"a\\\"; calc; echo \\\"\" >> /r/log", /backslash escape inside double quotes/],
    ["echo 'it’s' >> /r/log", /typographic quote/],
    ["echo @'\nx\n'@ >> /r/log", /`@`/],
    ["echo x >> =bash", /starting with `=`/],
    ["echo x >> /r/log\r", /control character/],
    ["echo x >> /r/log;; echo y", /;;/],
    ["; echo x >> /r/log", /`;` with no command before it/],
    ["echo x >> /r/log && && echo y", /`&&` with no command before it/],
    ["echo x >> /r/log &&", /no command after it/],
    ["echo x >>> /r/log", />>>/],
    ["> /r/log echo x", /before the command name/],
    ["echo x >> ; rm y", /no target/],
    ["echo état >> /r/log", /unquoted `é`/],
    // PowerShell splits these into several arguments, POSIX shells join them: the two disagree.
    ["echo STATUS:' 40%'\" parsing\"x >> /r/log", /quoted part adjoins/],
    ["echo 'it''s' >> /r/log", /quoted part adjoins/],
    ["echo \"say \"\"hi\"\"\" >> /r/log", /quoted part adjoins/],
    ["touch \"/r/a\"/out/p", /quoted part adjoins/],
    ["touch ''/r/a", /quoted part adjoins/],
    // A comma makes an array in PowerShell.
    ["mkdir /r/a,/out/p", /comma/],
    ["echo a, b >> /r/log", /comma/],
  ];
  for (const [source, why] of refusals) it(`refuses ${JSON.stringify(source)}`, () => refusedBecause(source, why));
});

describe("literal shell subset against real shells", () => {
  const shells = ["bash", "dash"].filter(sh => spawnSync(sh, ["-c", "true"]).status === 0);
  const sources = [
    (d: string) => `echo "STATUS: 40% parsing; a && b | c" >> ${d}/log && echo 'lit $HOME \`id\`' >> ${d}/log`,
    (d: string) => `printf '%s\\n' "x=1,y=2" >> ${d}/log\necho -n "it''s" 'a "b"' >> ${d}/log`,
    (d: string) => `cat > ${d}/q <<'EOF'\n$HOME \`id\` \\ "q"\nEOF\ncat >> ${d}/u <<EOF && echo after >> ${d}/log\nplain: 50% done\nEOF`,
  ];

  it("writes exactly the words and heredoc bodies it parsed", function () {
    if (!shells.length) this.skip();
    for (const sh of shells) {
      for (const source of sources) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "literal-shell-"));
        const src = source(dir);
        const result = spawnSync(sh, ["-c", src], { cwd: dir, encoding: "utf8" });
        assert.equal(result.status, 0, `${sh}: ${result.stderr}`);
        // What each command should have written, computed from the parse alone (echo, printf '%s\n', cat).
        const expected = new Map<string, string>();
        for (const c of parsed(src)) {
          const [name, ...args] = words(c);
          const out = name === "cat" ? c.heredocs[0].body
            : name === "printf" ? args.slice(1).map(a => `${a}\n`).join("")
              : args[0] === "-n" ? args.slice(1).join(" ") : `${args.join(" ")}\n`;
          const { op, target } = c.redirects[0];
          expected.set(target.text, (op === ">>" ? expected.get(target.text) ?? "" : "") + out);
        }
        for (const [file, text] of expected) assert.equal(fs.readFileSync(file, "utf8"), text, `${sh}: ${file}`);
        assert.deepEqual(fs.readdirSync(dir).sort(), [...expected.keys()].map(f => path.basename(f)).sort());
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
