import type { RunPaths } from "./runFolder";

/**
 * The line protocol as the agent reads it, with this run's concrete paths. It goes into the run's
 * first prompt as a synthetic text part: the model gets it, chat views hide it. (opencode's
 * `instructions` config would be server-wide and takes file paths, so it cannot be per run.)
 * Kept short: every token of it is paid on every step of the run.
 */
export function runInstructions(paths: RunPaths): string {
  const log = shellQuote(paths.logFile);
  return [
    "This task was started from VS Code's command palette; the user keeps coding meanwhile and sees your reports.",
    `Run log: ${paths.logFile}`,
    `Deliverables folder: ${paths.deliverablesDir}`,
    "Report by appending one line per report to the run log, each ending with a newline (echo adds it), for example:",
    `  echo "STATUS: 40% reading the tests" >> ${log}`,
    "Lines (keyword in capitals at the start of the line):",
    "  STATUS: [NN%] what you are doing now (the percentage is optional)",
    "  DELIVERABLE: <path> a file you made for the user, written inside the deliverables folder first; it opens in their editor",
    "  ATTENTION: <reason> something the user must look at now",
    "  BROWSER: <http(s) url> a page the user should open",
    "  DONE: <one-line summary> the task is finished; write it last",
    "  ERROR: <message> the task cannot be done",
    "Files the task asks you to change in the project are changed in place as usual; deliverables are for reports, plans and other hand-backs.",
  ].join("\n");
}

/** POSIX single-quoting, so a folder path with spaces or quotes survives a copy into a shell. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
