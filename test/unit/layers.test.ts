// The layer rule: src/{common,protocol,server,shared} never import `vscode`, so they run (and are
// unit-tested) in plain Node and stay usable from the webview bundle.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../paths";

const pureLayers = ["common", "protocol", "server", "shared"];
const importsVscode = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)["']vscode["']/;

function vscodeImporters(srcDir: string): string[] {
  const offenders: string[] = [];
  for (const layer of pureLayers) {
    const dir = path.join(srcDir, layer);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir, { recursive: true }).map(String).filter(f => /\.[cm]?tsx?$/.test(f))) {
      if (importsVscode.test(fs.readFileSync(path.join(dir, f), "utf8"))) offenders.push(path.join(layer, f));
    }
  }
  return offenders;
}

describe("layer rule", () => {
  it("no file under src/{common,protocol,server,shared} imports vscode", () => {
    assert.deepEqual(vscodeImporters(path.join(repoRoot, "src")), []);
  });

  it("the check catches every import form (it can fail)", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "layers-"));
    const forms = ['import * as vscode from "vscode";', "import type { Uri } from 'vscode';", 'const v = require("vscode");', 'import "vscode";', 'await import("vscode")'];
    forms.forEach((src, i) => {
      fs.mkdirSync(path.join(tmp, pureLayers[i % 4]), { recursive: true });
      fs.writeFileSync(path.join(tmp, pureLayers[i % 4], `f${i}.ts`), `${src}\n`);
    });
    fs.writeFileSync(path.join(tmp, "common", "ok.ts"), 'import { z } from "zod"; // mentions vscode in a comment only\n');
    assert.equal(vscodeImporters(tmp).length, forms.length);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
