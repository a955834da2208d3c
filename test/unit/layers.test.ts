// The architecture, checked: the layers of src/ from the bottom up, the order their imports run in
// (`import type` included), no import cycle in src/ or webview/, and no `vscode` below the host.
//
//   common ← protocol ← shared ← settings ← server ← conversation ← runs/engine, review/engine,
//   models/engine, providers/engine, sessions/engine (no vscode) ← host ← workspace ← chat, approvals,
//   review, runs, models, mcp, providers, sessions ← commands ← the root files (activate())
//
// A file may import its own layer and the ones below. protocol/ is the opencode 1.x wire API (its
// schemas, event decoding, transport); a second server API version would be an adapter beside it.
// The webview imports only src/shared, src/protocol and src/common.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../paths";
import { cycles, importGraph } from "./importGraph";

export const layers: string[][] = [
  ["common"], ["protocol"], ["shared"], ["settings"], ["server"], ["conversation"], ["runs/engine", "review/engine", "models/engine", "providers/engine", "sessions/engine"],
  ["host"], ["workspace"], ["chat", "approvals", "review", "runs", "models", "mcp", "providers", "sessions"], ["commands"], [""],
];
/** Layers up to this index run in plain Node: no vscode. */
const lastPure = 6;
const importsVscode = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)["']vscode["']/;

/** A file's layer: the longest folder prefix listed, "" for the files at the root of src/. */
function layerOf(file: string): number {
  let best = -1, bestLen = -1;
  layers.forEach((names, i) => names.forEach(n => {
    const match = n === "" ? !file.includes("/") : file.startsWith(`${n}/`);
    if (match && n.length > bestLen) { best = i; bestLen = n.length; }
  }));
  return best;
}

function violations(src: string): { unlisted: string[]; upward: string[]; vscode: string[]; cycles: string[][] } {
  const graph = importGraph(src);
  const out = { unlisted: [] as string[], upward: [] as string[], vscode: [] as string[], cycles: cycles(graph) };
  for (const [file, deps] of graph) {
    const at = layerOf(file);
    if (at < 0) { out.unlisted.push(file); continue; }
    for (const d of deps) if (graph.has(d) && layerOf(d) > at) out.upward.push(`${file} → ${d}`);
    if (at <= lastPure && importsVscode.test(fs.readFileSync(path.join(src, file), "utf8"))) out.vscode.push(file);
  }
  return out;
}

describe("layers and imports", () => {
  it("src/: every file in a layer, imports only downward, no vscode below the host, no cycle", () => {
    assert.deepEqual(violations(path.join(repoRoot, "src")), { unlisted: [], upward: [], vscode: [], cycles: [] });
  });

  it("webview/: no cycle, and from src/ only shared, protocol and common", () => {
    const root = repoRoot;
    const graph = importGraph(path.join(root, "webview"));
    assert.deepEqual(cycles(graph), []);
    const outside = [...graph.entries()].flatMap(([f, deps]) => deps.filter(d => d.startsWith("../")).map(d => `${f} → ${d}`))
      .filter(e => !/→ \.\.\/src\/(shared|protocol|common)\//.test(e));
    assert.deepEqual(outside, []);
  });

  it("the check catches each kind of violation (it can fail)", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "layers-"));
    const write = (f: string, text: string) => { fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true }); fs.writeFileSync(path.join(tmp, f), text); };
    write("common/a.ts", 'import type { X } from "../workspace/w";\n');            // upward, type-only
    write("workspace/w.ts", 'export type X = 1;\nimport "../chat/c";\n');              // upward
    write("chat/c.ts", 'import { y } from "./d";\nexport const c = 1;\n');
    write("chat/d.ts", 'import { c } from "./c";\nexport const y = c;\n');            // a cycle
    write("server/s.ts", 'const v = require("vscode");\n');                         // vscode below the host
    write("server/ok.ts", 'import { z } from "zod"; // mentions vscode in a comment only\n');
    write("oddball/o.ts", "export {};\n");                                            // in no layer
    const v = violations(tmp);
    assert.deepEqual(v.upward.sort(), ["common/a.ts → workspace/w.ts", "workspace/w.ts → chat/c.ts"]);
    assert.deepEqual(v.vscode, ["server/s.ts"]);
    assert.deepEqual(v.unlisted, ["oddball/o.ts"]);
    assert.deepEqual(v.cycles.map(c => c.sort()), [["chat/c.ts", "chat/d.ts"]]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
