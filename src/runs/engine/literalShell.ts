// A strict parser for the one shell form a run's agent needs to report progress: a list of simple
// commands whose every word is literal text. It is deliberately much smaller than the shell: whatever
// the shell would expand, substitute, glob, pipe, background or group is refused, not interpreted,
// so what it returns is exactly what the shell will see. runAskPolicy.ts decides which commands
// may run; this file only says what the command line means.
//
// opencode 1.18.33 runs the bash tool with the user's shell (bash, zsh, dash, ksh, sh, or
// PowerShell on any platform), so the accepted subset is the part those shells read the same way:
// - no backslash outside single quotes: POSIX escapes with it, PowerShell takes it literally, so
//   `\'` or `"…\"…"` would end a string in one shell and not in the other;
// - no typographic quotes (U+2018–U+201F): PowerShell accepts them as quote characters;
// - no unquoted `@`: PowerShell's `@'…'@` here-strings would quote differently;
// - no unquoted `=` at the start of a word: zsh expands `=cmd` to a path;
// - no unquoted comma: PowerShell reads `a,b` as an array, two arguments where POSIX sees one;
// - a word is one quoted string or unquoted text, never both: PowerShell splits `"a"b` and `'a'b`
//   into two arguments and reads `'it''s'` as one escaped quote, where POSIX joins the parts.
// Since PowerShell reads words differently anyway, runAskPolicy.ts auto-answers bash asks only for
// the POSIX shells; these rules keep the accepted words the same text in any of them regardless.

/** One word after quote removal. `quoted`: the word is one quoted string (never mixed, see top). */
export type ShellWord = { text: string; quoted: boolean };
/** `>` truncates, `>>` appends; no other redirection is accepted. */
type ShellRedirect = { op: ">" | ">>"; target: ShellWord };
/** `<<delimiter`; with a quoted delimiter the body is taken literally. */
type ShellHeredoc = { delimiter: string; quoted: boolean; body: string };
/** A simple command: its name is `words[0]`; redirects and heredocs in the order written. */
export type ShellCommand = { words: ShellWord[]; redirects: ShellRedirect[]; heredocs: ShellHeredoc[] };

type LiteralShell = { ok: true; commands: ShellCommand[] } | { ok: false; why: string };

/**
 * Pure: splits `source` into simple commands joined by `&&`, `;` or newlines, or says why it is not
 * such a list. Never partial: one construct outside the subset refuses the whole line.
 */
export function parseLiteralShell(source: string): LiteralShell {
  try {
    return { ok: true, commands: new Parser(source).run() };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, why: err.message };
    throw err;
  }
}

class Refusal extends Error {}
const refuse = (why: string): never => { throw new Refusal(why); };

/** Characters that mean nothing to any of the shells above when unquoted (`=` not first, see top). */
const plain = /^[A-Za-z0-9_./:+%=-]$/;
const wordEnd = " \t\n;&|<>";

/** Why an unquoted character is refused, for the ones an agent is likely to write. */
function unquotedWhy(c: string): string {
  if ("*?[]".includes(c)) return `an unquoted glob character \`${c}\``;
  if ("(){}".includes(c)) return `an unquoted \`${c}\` (subshell, group or brace expansion)`;
  if (c === "~") return "an unquoted `~` (home directory expansion)";
  if (c === "#") return "an unquoted `#` (comment)";
  if (c === "$") return "`$` outside single quotes (variable or command substitution)";
  if (c === "`") return "a backtick (command substitution)";
  if (c === "\\") return "a backslash outside quotes";
  if (c === ",") return "an unquoted comma (PowerShell reads `a,b` as an array)";
  return `an unquoted \`${c}\``;
}

class Parser {
  #i = 0;
  readonly #commands: ShellCommand[] = [];
  #current: ShellCommand | undefined;
  /** Heredocs whose body starts after the next newline. */
  #pending: ShellHeredoc[] = [];
  /** The last command ended with `&&`, so another must follow (a newline may come between). */
  #needsCommand = false;

  constructor(private readonly s: string) {}

  run(): ShellCommand[] {
    const s = this.s;
    // Control characters other than tab and newline are never needed and shells treat them unevenly.
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s)) refuse("a control character");
    if (/[\u2018-\u201f]/.test(s)) refuse("a typographic quote (PowerShell reads it as a quote)");
    while (this.#i < s.length) {
      const c = s[this.#i];
      if (c === " " || c === "\t") { this.#i++; continue; }
      if (c === "\n") { this.#i++; this.#end("\n"); this.#bodies(); continue; }
      if (c === ";") {
        if (s[this.#i + 1] === ";") refuse("`;;`");
        this.#i++; this.#end(";"); continue;
      }
      if (c === "&") {
        if (s[this.#i + 1] !== "&") refuse(s[this.#i + 1] === ">" ? "`&>` (redirects stderr too)" : "a background `&`");
        this.#i += 2; this.#end("&&"); continue;
      }
      if (c === "|") refuse(s[this.#i + 1] === "|" ? "`||`" : "a pipe `|`");
      if (c === ">") { this.#redirect(); continue; }
      if (c === "<") { this.#heredoc(); continue; }
      const word = this.#word();
      (this.#current ??= { words: [], redirects: [], heredocs: [] }).words.push(word);
    }
    if (this.#pending.length) refuse(`heredoc \`${this.#pending[0].delimiter}\` has no body`);
    this.#end(undefined);
    return this.#commands;
  }

  /** Ends the current command at a separator (`undefined`: end of input). */
  #end(separator: "\n" | ";" | "&&" | undefined): void {
    if (!this.#current) {
      if (separator === ";" || separator === "&&") refuse(`\`${separator}\` with no command before it`);
      if (separator === undefined && this.#needsCommand) refuse("`&&` with no command after it");
      return;
    }
    this.#commands.push(this.#current);
    this.#current = undefined;
    this.#needsCommand = separator === "&&";
  }

  /** The command a redirect belongs to; it must already have its name (no `> file echo …`). */
  #named(): ShellCommand {
    if (!this.#current) refuse("a redirect before the command name");
    return this.#current!;
  }

  #redirect(): void {
    const command = this.#named();
    const append = this.s[this.#i + 1] === ">";
    this.#i += append ? 2 : 1;
    const next = this.s[this.#i];
    if (next === "&") refuse("`>&` (file descriptor duplication)");
    if (next === "|") refuse("`>|`");
    if (next === ">") refuse("`>>>`");
    command.redirects.push({ op: append ? ">>" : ">", target: this.#operand("a redirect") });
  }

  #heredoc(): void {
    const s = this.s;
    if (s[this.#i + 1] !== "<") refuse("an input redirection `<`");
    if (s[this.#i + 2] === "<") refuse("a here-string `<<<`");
    if (s[this.#i + 2] === "-") refuse("`<<-` (tab-stripping heredoc)");
    const command = this.#named();
    this.#i += 2;
    const word = this.#operand("a heredoc");
    if (word.text === "" || word.text.includes("\n")) refuse("an empty or multi-line heredoc delimiter");
    const heredoc: ShellHeredoc = { delimiter: word.text, quoted: word.quoted, body: "" };
    command.heredocs.push(heredoc);
    this.#pending.push(heredoc);
  }

  /** The word after a redirect operator, on the same line. */
  #operand(what: string): ShellWord {
    while (this.s[this.#i] === " " || this.s[this.#i] === "\t") this.#i++;
    if (this.#i >= this.s.length || wordEnd.includes(this.s[this.#i])) refuse(`${what} with no target`);
    return this.#word();
  }

  /** Reads the bodies of pending heredocs, one line at a time, each up to its delimiter line. */
  #bodies(): void {
    const s = this.s;
    for (const heredoc of this.#pending) {
      for (;;) {
        if (this.#i >= s.length) refuse(`heredoc \`${heredoc.delimiter}\` is not terminated`);
        const nl = s.indexOf("\n", this.#i);
        const line = s.slice(this.#i, nl < 0 ? s.length : nl);
        this.#i = nl < 0 ? s.length : nl + 1;
        if (line === heredoc.delimiter) break;
        heredoc.body += `${line}\n`;
      }
      // With an unquoted delimiter the shell expands `$…` and backticks in the body, and a
      // backslash-newline would join a line to the delimiter line and move the body's end.
      if (!heredoc.quoted && /[$`\\]/.test(heredoc.body)) {
        refuse(`\`$\`, a backtick or a backslash in the body of heredoc \`${heredoc.delimiter}\` (its delimiter is unquoted, so the shell would expand it)`);
      }
    }
    this.#pending = [];
  }

  #word(): ShellWord {
    const s = this.s;
    const start = this.#i;
    let text = "";
    let quoted = false;
    const ends = () => this.#i >= s.length || wordEnd.includes(s[this.#i]);
    const adjoins = () => refuse(`a quoted part adjoins another part of the word \`${s.slice(start, this.#i + 1)}\` (PowerShell splits it into two arguments)`);
    while (!ends()) {
      const c = s[this.#i];
      // Only a quote may start a quoted word, and the word must end at its closing quote.
      if ((c === "'" || c === '"') && this.#i !== start) adjoins();
      if (c === "'") {
        const end = s.indexOf("'", this.#i + 1);
        if (end < 0) refuse("an unterminated single quote");
        text += s.slice(this.#i + 1, end);
        this.#i = end + 1;
        quoted = true;
        if (!ends()) adjoins();
      } else if (c === '"') {
        text += this.#doubleQuoted();
        quoted = true;
        if (!ends()) adjoins();
      } else {
        if (c === "=" && this.#i === start) refuse("a word starting with `=` (zsh expands `=cmd`)");
        if (!plain.test(c)) refuse(unquotedWhy(c));
        text += c;
        this.#i++;
      }
    }
    const next = s[this.#i];
    if ((next === ">" || next === "<") && !quoted && /^\d+$/.test(text)) refuse(`a file descriptor redirect \`${text}${next}\``);
    return { text, quoted };
  }

  /** The content of `"…"` starting at the opening quote; leaves #i after the closing one. */
  #doubleQuoted(): string {
    const s = this.s;
    let text = "";
    for (this.#i++; ; this.#i++) {
      const c = s[this.#i];
      if (c === undefined) refuse("an unterminated double quote");
      if (c === '"') { this.#i++; return text; }
      if (c === "$") refuse("`$` inside double quotes (variable or command substitution)");
      if (c === "`") refuse("a backtick inside double quotes (command substitution)");
      // POSIX escapes these five after a backslash inside double quotes; PowerShell does not.
      if (c === "\\" && '"\\$`\n'.includes(s[this.#i + 1] ?? "\n")) refuse("a backslash escape inside double quotes");
      text += c;
    }
  }
}
