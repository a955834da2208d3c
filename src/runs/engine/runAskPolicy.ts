// Which permission asks of a run the extension may answer `once` by itself: those whose only target
// is that run's folder, where the agent reports progress (`run.log`) and leaves deliverables. Every
// other ask goes to the user. A wrong "yes" here runs an arbitrary command with nobody asked, so the
// rules are narrow, and anything they do not recognise is a "no" with a reason for the log. Bash asks
// are answered only when the server's shell is one whose reading of a command line the parser
// models (runShell.ts); an attached server's asks all go to the user.
//
// Paths are compared lexically (normalised, `..` resolved, see isInside). A symlink inside the run
// folder pointing out would escape; the extension creates the folder, and nothing this policy
// approves can create a symlink, so one exists there only if the user approved it.
import * as path from "node:path";
import type { PermissionRequest } from "../../protocol/ask";
import { isInside } from "../../common/paths";
import { parseLiteralShell, type ShellCommand, type ShellWord } from "./literalShell";
import type { RunShell } from "./runShell";

export type RunScope = {
  /** Absolute: `<workspaceFolder>/.opencode/runs/<sessionID>`. Pass a real path to see through symlinks above it. */
  runDir: string;
  /** What edit patterns are relative to: the git root of the workspace folder, or "/" outside git. */
  patternRoot: string;
  /** The shell of the server's bash tool (runShell.ts): bash asks are answered only for POSIX ones. */
  shell: RunShell;
};

type RunAskVerdict = { ok: true } | { ok: false; why: string };

const yes: RunAskVerdict = { ok: true };
const no = (why: string): RunAskVerdict => ({ ok: false, why });

/**
 * Pure: whether `ask` touches nothing but `scope.runDir`, so answering it `once` is safe without
 * the user. `why` says which rule refused it ("auto-answer skipped: <why>").
 */
export function isRunOnlyAsk(ask: PermissionRequest, scope: RunScope): RunAskVerdict {
  const runDir = path.resolve(scope.runDir);
  // A root or relative run folder would make "inside the run folder" mean "anywhere".
  if (!path.isAbsolute(scope.runDir) || path.dirname(runDir) === runDir) return no(`the run folder ${scope.runDir} is not an absolute folder below the root`);
  if (!path.isAbsolute(scope.patternRoot)) return no(`the pattern root ${scope.patternRoot} is not absolute`);
  if (!scope.shell.posix && scope.shell.attached) return no(scope.shell.why);
  if (ask.permission === "edit") return editAsk(ask, runDir, scope.patternRoot);
  if (ask.permission === "bash") return scope.shell.posix ? bashAsk(ask, runDir) : no(`bash: ${scope.shell.why}`);
  return no(`${ask.permission} asks always go to the user`);
}

/**
 * An edit ask (write, edit and apply_patch tools). Every path it names must be inside the run
 * folder: the patterns (relative to the git root), `metadata.filepath` (absolute for write and edit;
 * for apply_patch the relative paths joined with ", "), and apply_patch's `metadata.files`, whose
 * `movePath` is the only place a move's destination appears.
 */
function editAsk(ask: PermissionRequest, runDir: string, patternRoot: string): RunAskVerdict {
  if (ask.patterns.length === 0) return no("edit ask with no patterns");
  const targets = [...ask.patterns];
  const { filepath, files } = ask.metadata;
  if (filepath !== undefined) {
    if (typeof filepath !== "string") return no("edit ask with a non-string filepath");
    targets.push(...filepath.split(", "));
  }
  if (files !== undefined) {
    if (!Array.isArray(files)) return no("edit ask whose files is not a list");
    for (const file of files as unknown[]) {
      const { filePath, movePath } = (typeof file === "object" && file !== null ? file : {}) as Record<string, unknown>;
      if (typeof filePath !== "string" || (movePath !== undefined && typeof movePath !== "string")) return no("edit ask with a malformed files entry");
      targets.push(filePath, ...(movePath === undefined ? [] : [movePath as string]));
    }
  }
  for (const target of targets) {
    if (target === "" || !isInside(runDir, path.resolve(patternRoot, target))) return no(`edit of ${target || "an empty path"} is outside the run folder`);
  }
  return yes;
}

/**
 * A bash ask. Accepted: a list of simple commands joined by `&&`, `;` or newlines (literalShell.ts
 * refuses everything else), each one of
 * - `echo …` / `printf FORMAT …` with exactly one `>`/`>>` into the run folder: without it the output
 *   only goes to the tool result, which is no reason to skip the user;
 * - `mkdir [-p] PATH…` and `touch PATH…` (no other options, no redirects);
 * - `cat >FILE <<DELIM` / `cat >>FILE <<'DELIM'` with nothing else (a heredoc into the run folder).
 * Every path must be absolute and free of `..`: 1.18.33's bash tool takes a `workdir` that the ask
 * does not carry, so a relative path could land anywhere. Command names are bare words: a path like
 * /bin/echo or ./echo could name a file the agent wrote. `rm`, `cp`, `tee`, `sh`, `env`, … are never
 * accepted.
 */
function bashAsk(ask: PermissionRequest, runDir: string): RunAskVerdict {
  // cmd.exe and Windows paths follow other rules than the ones checked here.
  if (process.platform === "win32") return no("bash asks are not auto-answered on Windows");
  const command = ask.metadata.command;
  if (typeof command !== "string") return no("bash ask with no command");
  const parsed = parseLiteralShell(command);
  if (!parsed.ok) return no(`bash: ${parsed.why}`);
  if (parsed.commands.length === 0) return no("bash ask with an empty command");
  for (const c of parsed.commands) {
    const why = commandWhy(c, runDir);
    if (why) return no(`bash: ${why}`);
  }
  // opencode's own parse (tree-sitter) names each command it asks about in `patterns`, starting with
  // the command name. If it saw a command this parser did not, the two disagree about the line.
  // Only the name is compared: the rest is tree-sitter's source text, with or without the redirects
  // depending on how they bind (`echo a && echo b > f` gave ["echo a", "echo b"]).
  const names = new Set(parsed.commands.map(c => c.words[0].text));
  for (const pattern of ask.patterns) {
    const head = pattern.trim().split(/\s/, 1)[0];
    if (!names.has(head)) return no(`bash: the ask names \`${head}\`, which is not one of the parsed commands`);
  }
  return yes;
}

/** Why one simple command is not run-only, or undefined if it is. */
function commandWhy(c: ShellCommand, runDir: string): string | undefined {
  const [name, ...args] = c.words;
  if (name.quoted) return `a quoted command name ${name.text}`;
  const outside = (p: ShellWord): string | undefined => {
    if (!path.isAbsolute(p.text)) return `${p.text || "an empty path"} is not an absolute path`;
    // The kernel resolves `..` after following symlinks, the lexical check before; agents need neither.
    if (p.text.split("/").includes("..")) return `${p.text} has a \`..\` segment`;
    return isInside(runDir, path.resolve(p.text)) ? undefined : `${p.text} is outside the run folder`;
  };
  const firstOf = (...whys: (string | undefined)[]) => whys.find(w => w !== undefined);
  const oneRedirect = (heredocs: number): string | undefined => {
    if (c.redirects.length !== 1) return `\`${name.text}\` needs exactly one \`>\` or \`>>\` into the run folder`;
    if (c.heredocs.length !== heredocs) return heredocs ? "`cat` needs exactly one heredoc" : `a heredoc on \`${name.text}\``;
    return outside(c.redirects[0].target);
  };
  const noRedirects = () => (c.redirects.length || c.heredocs.length ? `a redirect on \`${name.text}\`` : undefined);
  switch (name.text) {
    case "echo": return oneRedirect(0);
    case "printf":
      // A leading option (bash's `-v var`) is not a format; it is never needed for a log line.
      if (!args.length || args[0].text.startsWith("-")) return "`printf` needs a format that is not an option";
      return oneRedirect(0);
    case "cat": return args.length ? "`cat` with arguments (only `cat > file <<EOF` is accepted)" : oneRedirect(1);
    case "mkdir":
    case "touch": {
      const paths = args.filter(a => !(name.text === "mkdir" && a.text === "-p"));
      if (!paths.length) return `\`${name.text}\` with no path`;
      const option = paths.find(a => a.text.startsWith("-"));
      if (option) return `\`${name.text} ${option.text}\` (only \`mkdir -p\` is accepted)`;
      return firstOf(noRedirects(), ...paths.map(outside));
    }
    default: return `\`${name.text}\` is not a command the run may use unasked`;
  }
}
