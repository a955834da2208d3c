// What a run produced, read off the reducer's model of its session once it is idle: the answer,
// the tool calls, the files changed, and what it cost. Shaped like the Python seed
// (py-opencode-wrapper's RunResult) so both report the same numbers for the same session.
import * as path from "node:path";
import type { SessionState } from "../../protocol/state";

/** Token counts summed over a run's model calls. */
export type RunTokens = { input: number; output: number; reasoning: number; cacheRead: number; cacheWrite: number };

type RunToolCall = {
  /** Tool name: write, edit, bash, read… */
  tool: string;
  status: "pending" | "running" | "completed" | "error";
  /** Set once the tool runs (e.g. the bash command, the file path). */
  title?: string;
  input: Record<string, unknown>;
  /** Only for status "error", e.g. "The user rejected permission to use this specific tool call." */
  error?: string;
};

export type RunResult = {
  sessionID: string;
  /** The final answer: the text parts (not synthetic or ignored) of the last assistant message with text, joined by a blank line. */
  text: string;
  /** Every tool part of every assistant message, in order. */
  toolCalls: RunToolCall[];
  /**
   * Absolute paths, unique, sorted: the files of patch parts (opencode's snapshot, git folders only)
   * and the `filePath` of completed write and edit calls (the only record outside git). Not from
   * `file.edited` events, which are not kept per session.
   */
  filesChanged: string[];
  /** Summed over every step-finish part, so a turn with several model calls counts each one. */
  tokens: RunTokens;
  /** Summed over every step-finish part. */
  cost: number;
  /** The number of step-finish parts: model calls that finished. */
  steps: number;
  /** The number of user messages. */
  turns: number;
  /** The last assistant message's error, e.g. MessageAbortedError after a cancel. */
  error?: { name: string; message?: string };
  /** The agent that answered last ("build", "plan"…): a run can be sent to another agent than the chat's. */
  agent?: string;
  /** The model that answered last, as "provider/model". */
  model?: string;
};

const fileTools = new Set(["write", "edit"]);

/** Pure: the result of the run in `session`; `directory` is the folder relative tool paths are in. */
export function runResult(session: SessionState, directory: string): RunResult {
  const assistants = session.messages.filter(m => m.info.role === "assistant");
  const result: RunResult = {
    sessionID: session.id,
    text: "",
    toolCalls: [],
    filesChanged: [],
    tokens: { input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheWrite: 0 },
    cost: 0,
    steps: 0,
    turns: session.messages.filter(m => m.info.role === "user").length,
  };
  const files = new Set<string>();
  for (const message of assistants) {
    for (const part of message.parts) {
      if (part.type === "step-finish") {
        const t = part.tokens;
        result.tokens.input += t.input;
        result.tokens.output += t.output;
        result.tokens.reasoning += t.reasoning;
        result.tokens.cacheRead += t.cache.read;
        result.tokens.cacheWrite += t.cache.write;
        result.cost += part.cost;
        result.steps++;
      } else if (part.type === "patch") {
        for (const f of part.files) files.add(path.resolve(directory, f));
      } else if (part.type === "tool") {
        const { state } = part;
        // A copy: the reducer keeps changing the state's objects while later events arrive.
        const call: RunToolCall = { tool: part.tool, status: state.status, input: { ...state.input } };
        if ((state.status === "running" || state.status === "completed") && state.title) call.title = state.title;
        if (state.status === "error") call.error = state.error;
        result.toolCalls.push(call);
        const filePath = state.input.filePath;
        if (state.status === "completed" && fileTools.has(part.tool) && typeof filePath === "string" && filePath) files.add(path.resolve(directory, filePath));
      }
    }
  }
  result.filesChanged = [...files].sort();
  for (let i = assistants.length - 1; i >= 0; i--) {
    const texts = assistants[i].parts.flatMap(p => (p.type === "text" && !p.synthetic && !p.ignored && p.text.trim() ? [p.text] : []));
    if (texts.length) { result.text = texts.join("\n\n"); break; }
  }
  const last = assistants.at(-1)?.info;
  if (last?.role === "assistant") {
    if (last.error) {
      result.error = { name: last.error.name };
      if (last.error.data?.message !== undefined) result.error.message = last.error.data.message;
    }
    const agent = last.agent ?? last.mode;
    if (agent) result.agent = agent;
    if (last.providerID && last.modelID) result.model = `${last.providerID}/${last.modelID}`;
  }
  return result;
}
