// What a run shows while it goes and after, apart from the engine (run.ts) and the report
// (runReport.ts) that both read it.

/**
 * "ended without DONE": the session went idle with neither DONE nor ERROR in the log. The protocol
 * does not count that as done (the agent may have given up or lost track), so it is no success.
 */
export type RunState = "running" | "succeeded" | "ended without DONE" | "failed" | "cancelled" | "interrupted";

/** What a run shows while it goes and after: the UI renders only this. */
export type RunReport = {
  state: RunState;
  /** The last STATUS message, else the tool the agent is running. */
  message?: string;
  percent?: number;
  tool?: string;
  steps: number;
  startedAt: number;
  endedAt?: number;
  /** DONE's summary, ERROR's message, or the session's error. */
  summary?: string;
  /** Real paths of accepted deliverables, in the order announced. */
  deliverables: string[];
  /** Refused deliverables and other things the user should know, newest last (bounded). */
  notes: string[];
  ignoredLines: number;
  autoAnswered: number;
};
