import * as assert from "node:assert/strict";
import { defaultTemplates, fillTemplate, formatDiagnostics, templateFor, templateNames } from "../../src/runs/engine/runTemplates";
import { runInstructions, shellQuote } from "../../src/runs/engine/runInstructions";
import { runPaths } from "../../src/runs/engine/runFolder";
import { parseRunLine } from "../../src/runs/engine/runLines";

describe("run prompt templates", () => {
  it("fills known variables, keeps unknown ones visible, and empties missing known ones", () => {
    assert.equal(fillTemplate("Fix ${file} (${language}) ${nope} ${selection}", { file: "src/a.ts", language: "typescript" }), "Fix src/a.ts (typescript) ${nope} ${selection}");
    assert.equal(fillTemplate("${question}", { question: "why ${file}?", file: "x" }), "why ${file}?", "values are not expanded again");
    assert.equal(fillTemplate("${file}", { file: undefined }), "");
  });

  it("takes a template from the checked setting, else the default", () => {
    assert.equal(templateFor({}, "explainFile"), defaultTemplates.explainFile);
    assert.equal(templateFor({ explainFile: "Explain ${file} briefly" }, "explainFile"), "Explain ${file} briefly");
    assert.equal(templateFor({ explainFile: "Explain" }, "writeTests"), defaultTemplates.writeTests);
    // Wrong values never get here: the setting's check (test/unit/settings.test.ts) leaves them out.
  });

  it("every built-in template names its target file, and Fix Problems and Ask carry their inputs", () => {
    for (const name of templateNames) assert.match(defaultTemplates[name], /\$\{file\}/, name);
    assert.match(defaultTemplates.fixProblems, /\$\{diagnostics\}/);
    assert.match(defaultTemplates.askAboutSelection, /\$\{question\}[\s\S]*\$\{selection\}/);
  });

  it("lists diagnostics worst first, one per line, and bounds the list", () => {
    const text = formatDiagnostics([
      { line: 9, severity: "warning", message: "unused  variable\n x", source: "ts", code: "6133" },
      { line: 3, severity: "error", message: "type mismatch" },
      { line: 1, severity: "error", message: "missing import", source: "eslint" },
    ]);
    assert.equal(text, "- line 1 error (eslint): missing import\n- line 3 error: type mismatch\n- line 9 warning (ts 6133): unused variable x");
    const many = formatDiagnostics(Array.from({ length: 60 }, (_, i) => ({ line: i + 1, severity: "hint" as const, message: "m" })), 50);
    assert.equal(many.split("\n").length, 51);
    assert.match(many, /… and 10 more$/);
  });
});

describe("run instructions (the protocol text in a run's first prompt)", () => {
  it("names the run's own paths and teaches lines the parser accepts", () => {
    const paths = runPaths("/work/my project", "ses_abc");
    const text = runInstructions(paths);
    assert.ok(text.includes(`Run log: ${paths.logFile}`) && text.includes(`Deliverables folder: ${paths.deliverablesDir}`));
    assert.ok(text.includes(`>> '${paths.logFile}'`), "the example command quotes a path with a space");
    const example = /echo "(.*)" >>/.exec(text)?.[1] ?? "";
    assert.deepEqual(parseRunLine(example), { kind: "status", percent: 40, message: "reading the tests" });
    assert.match(text, /each ending with a newline/, "a line is read once its line break is written");
  });

  it("quotes for a POSIX shell only when needed", () => {
    assert.equal(shellQuote("/a/b-c_d.e"), "/a/b-c_d.e");
    assert.equal(shellQuote("/a b/it's"), `'/a b/it'\\''s'`);
  });
});
