// Reopening a 2,000-message session from the Sessions view: from the click asking the folder's
// server for the session's messages to the chat's first painted frame of them. Real opencode (the
// pinned binary, isolated dirs, the fake model) holds the session: a few real turns (a prompt, tool
// steps, a markdown answer; each step is a message of its own), exported with `opencode export`,
// repeated under new ids to 2,000 messages and loaded with `opencode import` (real turns to that
// length take minutes). One round, timed in three parts that run one after the other:
//   server: GET /session/{id}/message, until its JSON is parsed (what opening awaits first);
//   host:   decoding it, the folder model's load (reduce), and the first page the chat posts;
//   chat:   that post → the first painted frame with the rows, in a fresh page of headless
//           chromium under the real CSP (bench/webview.mjs's open, fed with this session).
// VS Code's own part (the tree's click → the command) is not inside: no VS Code runs here.
// Goal: < 1,000 ms from click to paint (median). Run: node esbuild.mjs --tests && node bench/sessionReopen.mjs
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { record, median } from "./report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const out = p => require(join(root, "out", p));
const { FakeModel, text, tools, stepOf } = out("test/fakes/fakeModel.js");
const { startRealOpencode, isolatedEnv } = out("test/fakes/realOpencode.js");
const { opencodeBin } = out("test/paths.js");
const { OpencodeApi } = out("src/protocol/api.js");
const { decodeList, MessageWithParts } = out("src/protocol/rest.js");
const { reduce } = out("src/protocol/reducer.js");
const { createFolderState, findSession } = out("src/protocol/state.js");
const { Session } = out("src/protocol/session.js");
const { Pager } = out("src/shared/paging.js");
const { openOnce } = out("test/webview/openScenario.js");

const target = 2_000, rounds = 5, goal = 1_000;
/** Tool steps per turn before its answer: a turn is then 1 + steps + 1 messages (5: 2,000 is 400 turns). */
const steps = 3, realTurns = 4;

/** Tool results since the turn's prompt: the step the turn is at (a long session's request holds earlier turns' too). */
const stepInTurn = req => { const ms = req.body.messages ?? []; return ms.slice(ms.map(m => m.role).lastIndexOf("user") + 1).filter(m => m.role === "tool").length; };
const model = await FakeModel.start();
model.handle(req => stepInTurn(req) < steps
  ? tools({ name: "read", args: { filePath: "src/notes.md" } })
  : text(`## Done\n\nThe module **parses** input and \`emits\` rows:\n\n\`\`\`ts\nexport const rows = parse(input);\n\`\`\`\n`));
const server = await startRealOpencode(model);
try {
  fs.mkdirSync(join(server.workspace, "src"), { recursive: true });
  fs.writeFileSync(join(server.workspace, "src", "notes.md"), "# Notes\n\nA short file the tool reads.\n".repeat(20));
  const api = new OpencodeApi(async () => server, server.workspace);
  const { id: realID } = await api.createSession({ title: "Bench: a few real turns" });
  for (let turn = 1; turn <= realTurns; turn++) await api.promptAndWait(realID, [{ type: "text", text: `Question ${turn}: what does module ${turn} do?` }], {}, 60_000);
  const id = longCopy(server, realID);
  const raw0 = await api.messages(id);
  const parts = raw0.reduce((n, m) => n + m.parts.length, 0);
  console.log(`session of ${raw0.length} messages / ${parts} parts, from ${realTurns} real turns`);

  const info = await api.getSession(id); // the view's row already has it: not inside the timing
  const serverMs = [], hostMs = [], chatMs = [], totalMs = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const raw = await api.messages(id);
    const t1 = performance.now();
    const state = createFolderState();
    reduce(state, { kind: "sessions", sessions: [Session.parse(info)] });
    reduce(state, { kind: "messages", sessionID: id, messages: decodeList(MessageWithParts, raw).items });
    const session = findSession(state, id);
    const view = new Pager().view(id, session);
    const t2 = performance.now();
    if (session.messages.length !== raw.length) throw new Error(`the folder model holds ${session.messages.length} of ${raw.length} messages`);
    const open = await openOnce({ view: { sessionID: id, session } });
    if (!view.session.messages.length) throw new Error("the first page is empty");
    serverMs.push(t1 - t0); hostMs.push(t2 - t1); chatMs.push(open.firstPaintMs); totalMs.push(t2 - t0 + open.firstPaintMs);
  }
  const f = xs => `${median(xs).toFixed(0)} ms`;
  const ok = median(totalMs) < goal;
  console.log(`reopen ${raw0.length} messages: click → painted median ${f(totalMs)} (server ${f(serverMs)}, host ${f(hostMs)}, chat ${f(chatMs)}) of ${rounds} (goal < ${goal} ms): ${ok ? "met" : "NOT met"}`);
  record({ measure: `reopen a ${raw0.length}-message session (${parts} parts, real opencode) from the Sessions view: messages asked → chat painted`, goal: `< ${goal} ms`, ok,
    result: `median ${f(totalMs)} of ${rounds} (${Math.min(...totalMs).toFixed(0)}–${Math.max(...totalMs).toFixed(0)})`,
    note: `server (GET …/message, parsed) ${f(serverMs)}, host (decode, load, first page) ${f(hostMs)}, chat (post → first paint) ${f(chatMs)}; VS Code's click dispatch not included` });
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
  await model.close();
}

/**
 * The real session exported, its messages repeated under new ids (ascending, as opencode's are) to
 * `target` messages, imported into the same data dir as a new session; its id.
 */
function longCopy(server, realID) {
  const env = isolatedEnv(server.scratch, {});
  const run = args => execFileSync(opencodeBin(), args, { cwd: server.workspace, env, encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "pipe"] });
  const real = JSON.parse(run(["export", realID]).replace(/^[^{]*/, ""));
  const id = `${realID.slice(0, -5)}Bench`;
  let n = 0;
  const newID = prefix => `${prefix}_${(0x24f000000000 + ++n).toString(16)}Bench${String(n).padStart(9, "0")}`;
  const messages = [];
  while (messages.length < target) {
    const ids = new Map();
    for (const m of real.messages) {
      const mid = newID("msg");
      ids.set(m.info.id, mid);
      const info = { ...m.info, id: mid, sessionID: id, ...(m.info.parentID ? { parentID: ids.get(m.info.parentID) } : {}) };
      messages.push({ info, parts: m.parts.map(p => ({ ...p, id: newID("prt"), sessionID: id, messageID: mid })) });
    }
  }
  const file = join(fs.mkdtempSync(join(os.tmpdir(), "oc-bench-")), "session.json");
  fs.writeFileSync(file, JSON.stringify({ info: { ...real.info, id, title: "Bench: a long session" }, messages: messages.slice(0, target) }));
  run(["import", file]);
  fs.rmSync(file);
  return id;
}
