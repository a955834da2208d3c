// Listing 1,000 sessions for the Sessions view: from the server's answer arriving (its JSON text) to
// every row's fields built (decode, the list model, sort, activity, "5 min ago", tooltip text). The
// vscode.TreeItem objects themselves are not built here (no VS Code in plain Node): they copy these
// strings. Goal: < 200 ms. Run: node esbuild.mjs --tests && node bench/sessionList.mjs
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { record, median } from "./report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const { decodeSessionPage } = require(join(root, "out/src/protocol/sessionList.js"));
const { SessionList } = require(join(root, "out/src/sessions/engine/sessionList.js"));
const { askingRoots, relativeTime } = require(join(root, "out/src/sessions/engine/rowState.js"));
const { createFolderState } = require(join(root, "out/src/protocol/state.js"));

const count = 1_000, rounds = 21, goal = 200;
const now = Date.now();
// Shaped as opencode 1.18.33 answers GET /experimental/session (project and path included).
const body = JSON.stringify(Array.from({ length: count }, (_, i) => ({
  id: `ses_${(1e12 + i).toString(36)}bench${i}`, slug: `slug-${i}`, projectID: "global", directory: "/work/project", path: "work/project",
  title: `Session number ${i} about something`, version: "1.18.33", cost: 0,
  tokens: { input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } },
  time: { created: now - i * 60_000, updated: now - i * 60_000 }, project: { id: "global", worktree: "/" },
})));
const state = createFolderState();

async function once() {
  const start = performance.now();
  const page = decodeSessionPage(JSON.parse(body), undefined);
  const list = new SessionList({ sessionPage: async () => page, sessionChildren: async () => [] }, count);
  await list.ensureLoaded();
  const asking = askingRoots(state);
  let chars = 0;
  for (const s of list.sessions) {
    const activity = asking.has(s.id) ? "asking" : (state.sessions[s.id]?.status.type ?? "idle") !== "idle" ? "busy" : "idle";
    const label = s.title || "Untitled", description = relativeTime(s.time.updated, now);
    const tooltip = `${label} ${activity} · id ${s.id} Created ${new Date(s.time.created).toLocaleString()} · updated ${new Date(s.time.updated).toLocaleString()}`;
    chars += label.length + description.length + tooltip.length + (list.mayHaveChildren(s.id) ? 1 : 0);
  }
  if (list.sessions.length !== count || !chars) throw new Error("not every session was listed");
  list.dispose();
  return performance.now() - start;
}

await once(); // warm-up: JIT and zod's compiled parsers
const times = [];
for (let r = 0; r < rounds; r++) times.push(await once());
const m = median(times);
const ok = m < goal;
console.log(`list ${count} sessions, answer to rows: median ${m.toFixed(1)} ms, min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)} of ${rounds} (goal < ${goal} ms): ${ok ? "met" : "NOT met"}`);
record({ measure: `Sessions view: ${count} sessions, from the answer's JSON to the rows' fields`, goal: `< ${goal} ms`, ok,
  result: `median ${m.toFixed(1)} ms (${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}, n=${rounds})` });
process.exitCode = ok ? 0 : 1;
