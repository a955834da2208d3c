/**
 * The run protocol: lines an agent writes to its run's `run.log` to report progress and hand files back.
 * Pure (no fs, no vscode): src/server/logTail.ts reads the file and feeds whole lines here.
 *
 *   STATUS: [NN%] message     DELIVERABLE: <path>     DONE[: summary]
 *   ERROR[: message]          ATTENTION: reason       BROWSER: <http(s) url>
 *
 * Keywords are uppercase and start the line; leading spaces and tabs are allowed because models indent
 * (in lists, inside heredocs) and the intent is still plain. The colon may have spaces on both sides.
 * Anything else comes back as `ignored` with a reason, so the caller can log why a line had no effect.
 */
export type RunLine =
  /** Progress. `percent` is 0..100 when the line gave one (decimals rounded, out-of-range clamped). */
  | { kind: "status"; percent?: number; message: string }
  /** A file handed back; the path is validated against the run folder by src/server/runFolder.ts. */
  | { kind: "deliverable"; path: string }
  /** The run finished; `summary` is absent for a bare `DONE`. */
  | { kind: "done"; summary?: string }
  /** The run failed; `message` is absent for a bare `ERROR`. */
  | { kind: "error"; message?: string }
  /** The agent needs the user (a decision, a login, a missing file). */
  | { kind: "attention"; reason: string }
  /** A page to show the user; always an http: or https: URL, normalized by the URL parser. */
  | { kind: "browser"; url: string }
  /** Not a protocol line, or a malformed one: `why` says which rule it broke. */
  | { kind: "ignored"; line: string; why: string };

/** Longer lines are ignored: no protocol line needs this much, and a runaway line must not reach the UI. */
export const MAX_LINE_LENGTH = 10_000;

const KEYWORDS = new Set(["STATUS", "DELIVERABLE", "DONE", "ERROR", "ATTENTION", "BROWSER"]);

// The `s` flag: a stray "\r" inside a line is part of the payload, not the end of the match.
const HEAD = /^[ \t]*([A-Za-z]+)(.*)$/s;
const COLON = /^[ \t]*:(.*)$/s;

/** Parses one line (without its line break). Never throws. */
export function parseRunLine(line: string): RunLine {
  const ignored = (why: string): RunLine => ({ kind: "ignored", line, why });
  if (line.length > MAX_LINE_LENGTH) return ignored(`too long (over ${MAX_LINE_LENGTH} characters)`);
  // A BOM arrives at the start of a file written by some Windows tools; it is not part of the keyword.
  const text = line.startsWith("\uFEFF") ? line.slice(1) : line;
  const head = HEAD.exec(text);
  if (!head) return ignored("not a protocol line");
  const [, word, rest] = head;
  if (!KEYWORDS.has(word)) {
    return KEYWORDS.has(word.toUpperCase()) ? ignored(`keywords are uppercase: write ${word.toUpperCase()}`) : ignored("not a protocol line");
  }
  const colon = COLON.exec(rest);
  if (!colon) {
    if (rest.trim() !== "") return ignored(`expected ':' after ${word}`);
    if (word === "DONE") return { kind: "done" };
    if (word === "ERROR") return { kind: "error" };
    return ignored(`${word} needs ': ' and a value`);
  }
  const payload = colon[1].trim();
  switch (word) {
    case "STATUS": return parseStatus(payload, ignored);
    case "DONE": return payload ? { kind: "done", summary: payload } : { kind: "done" };
    case "ERROR": return payload ? { kind: "error", message: payload } : { kind: "error" };
    case "ATTENTION": return payload ? { kind: "attention", reason: payload } : ignored("ATTENTION without a reason");
    case "DELIVERABLE": {
      const p = unquote(payload);
      return p ? { kind: "deliverable", path: p } : ignored("DELIVERABLE without a path");
    }
    default: return parseBrowser(unquote(payload), ignored);
  }
}

const NUMBER = String.raw`([+-]?(?:\d+(?:\.\d*)?|\.\d+))`;
// `[40%] msg`, `[ 40 % ] msg`, `40% msg`, `40 %` alone. Without brackets the `%` must end a word, so a
// message such as `50%off` stays text rather than becoming 50% with message "off".
const PERCENT = new RegExp(String.raw`^(?:\[[ \t]*${NUMBER}[ \t]*%[ \t]*\]|${NUMBER}[ \t]*%(?=\s|$))(.*)$`, "s");

function parseStatus(payload: string, ignored: (why: string) => RunLine): RunLine {
  if (payload === "") return ignored("STATUS without a message or percent");
  const m = PERCENT.exec(payload);
  if (!m) return { kind: "status", message: payload };
  // Models write 33.3%, 110% and -1%: a progress bar wants a whole number between 0 and 100.
  const percent = Math.min(100, Math.max(0, Math.round(Number(m[1] ?? m[2]))));
  return { kind: "status", percent, message: m[3].trim() };
}

function parseBrowser(raw: string, ignored: (why: string) => RunLine): RunLine {
  if (!raw) return ignored("BROWSER without a URL");
  let url: URL;
  try { url = new URL(raw); } catch { return ignored(`BROWSER: not a URL: ${raw}`); }
  // The URL is opened for the user: javascript:, file:, data: or a custom scheme could run or reveal things.
  if (url.protocol !== "http:" && url.protocol !== "https:") return ignored(`BROWSER: only http and https URLs are opened, not ${url.protocol}`);
  return { kind: "browser", url: url.href };
}

/** Models format values as Markdown or prose: one matching pair of `…`, "…", '…' or <…> around the whole value goes. */
function unquote(s: string): string {
  const pairs: Record<string, string> = { "`": "`", '"': '"', "'": "'", "<": ">" };
  const close = pairs[s[0]];
  return s.length >= 2 && close && s.endsWith(close) ? s.slice(1, -1).trim() : s;
}

/**
 * Splits a stream of text into whole lines. A line ends at "\n"; trailing "\r"s are dropped, so CRLF works even
 * when "\r" and "\n" arrive in different chunks. A line longer than MAX_LINE_LENGTH is cut to MAX_LINE_LENGTH + 1
 * characters (still too long for parseRunLine, which ignores it) so a log without line breaks cannot grow memory.
 */
export class LineSplitter {
  #pending = "";

  /** The whole lines completed by `chunk`, in order; a trailing partial line waits for the next push. */
  push(chunk: string): string[] {
    const parts = chunk.split("\n");
    const last = parts.pop()!;
    const lines = parts.map((p, i) => stripCR(cap(i === 0 ? this.#pending + p : p)));
    this.#pending = cap(parts.length ? last : this.#pending + last);
    return lines;
  }

  /** The partial line received so far, without taking it. */
  get pending(): string | undefined {
    return stripCR(this.#pending) || undefined;
  }

  /**
   * Takes the partial line. A line is not a protocol line until its "\n" arrives, because the writer may
   * still be writing it; once the writer is done (LogTail.finish), what is left is its last line.
   */
  flush(): string | undefined {
    const p = this.pending;
    this.#pending = "";
    return p;
  }
}

const cap = (s: string): string => (s.length > MAX_LINE_LENGTH + 1 ? s.slice(0, MAX_LINE_LENGTH + 1) : s);
const stripCR = (s: string): string => s.replace(/\r+$/, "");
