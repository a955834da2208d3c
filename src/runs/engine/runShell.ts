// Which shell opencode runs a run's bash-tool commands with, and whether the run ask policy may
// answer them. opencode 1.18.33 takes the `shell` key of its config, else $SHELL of its own
// environment; a shell it cannot find, fish and nu fall back to `bash` on PATH, else /bin/sh. Its
// shell table has PowerShell (pwsh, powershell) on every platform, and PowerShell reads a command
// line by other rules than literalShell.ts checks. So only the POSIX shells it models are answered.
import * as path from "node:path";

/** `posix`: bash asks may be answered by the run; otherwise `why` goes to the log. */
export type RunShell = { posix: true; name: string } | { posix: false; why: string; attached?: true };

/** The shells whose reading of the accepted subset the shell corpus test checks (sh is dash or bash). */
const modelled = new Set(["sh", "bash", "dash", "zsh", "ksh"]);

type RunShellInput =
  /** A server the user runs (`opencode.serverUrl`): its environment and config are not ours to see. */
  | { attached: true }
  /** `config`: the server's resolved config (`GET /config`), undefined when it could not be read; `envShell`: SHELL of its spawn. */
  | { attached?: false; config: Record<string, unknown> | undefined; envShell: string | undefined };

/** Pure: the shell of a run's bash asks, as far as the extension can tell. */
export function runShell(o: RunShellInput): RunShell {
  if (o.attached) return { posix: false, attached: true, why: "the server is attached (opencode.serverUrl): its shell and environment are unknown, so every ask goes to the user" };
  const other = (why: string): RunShell => ({ posix: false, why: `${why}, so bash asks go to the user` });
  if (!o.config) return other("opencode's config could not be read (its `shell` key picks the shell)");
  const configShell = o.config.shell;
  if (configShell !== undefined && typeof configShell !== "string") return other("opencode's config has a `shell` that is not a string");
  // opencode skips an empty value, as it does an unset one.
  const [chosen, source] = configShell ? [configShell, "`shell` in opencode's config"] : [o.envShell, "SHELL"];
  // Unset: opencode's fallback, bash on PATH or /bin/sh, both modelled.
  if (!chosen) return { posix: true, name: "sh" };
  const name = path.basename(chosen).toLowerCase();
  return modelled.has(name) ? { posix: true, name } : other(`the shell is ${name} (${source}), whose parsing the run does not model`);
}
