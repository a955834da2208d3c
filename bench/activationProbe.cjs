// One activation in a fresh Node process, for bench/activation.mjs: `vscode` is a permissive stub
// (every property is a callable stub), so the cost measured is loading the bundle and running
// activate()'s own code. Prints {"activateMs":…, "firstUseMs":…} as JSON.
const Module = require("node:module");
const path = require("node:path");
const stub = new Proxy(function () {}, {
  get: (_t, key) => key === Symbol.toPrimitive ? () => "stub" : key === Symbol.iterator ? function* () {} : key === "then" ? undefined : stub,
  apply: () => stub,
  construct: () => stub,
  set: () => true,
});
// A plain object: bundles copy the namespace's own properties (__toESM), which a Proxy lacks. So it
// lists every member the bundles use, including those read while dist/core.js loads (enum maps).
const vscode = Object.fromEntries(["window", "workspace", "commands", "env", "extensions", "languages", "Uri", "StatusBarAlignment",
  "ThemeColor", "ThemeIcon", "MarkdownString", "EventEmitter", "Disposable", "ViewColumn", "Range", "Position", "TreeItem",
  "TreeItemCollapsibleState", "DiagnosticSeverity", "CodeLens", "TabInputText", "TabInputTextDiff", "TabInputCustom", "QuickInputButtons",
  "OverviewRulerLane", "WorkspaceEdit", "RelativePattern", "ProgressLocation", "EndOfLine"].map(k => [k, stub]));
vscode.version = "1.100.0";
// activate() reports its own failures through showErrorMessage: make them fail the probe.
vscode.window = new Proxy({}, { get: (_t, key) => key === "showErrorMessage" ? msg => { throw new Error(`activation failed: ${msg}`); } : stub });
const load = Module._load;
Module._load = function (request, ...rest) { return request === "vscode" ? vscode : load.call(this, request, ...rest); };

const bundle = path.resolve(process.argv[2]);
const context = { subscriptions: [], extensionUri: stub, secrets: stub };
const t0 = performance.now();
require(bundle).activate(context);
const activateMs = performance.now() - t0;
// First use: what a server start or the chat view adds (the split bundle's core; nothing for one bundle).
const core = path.join(path.dirname(bundle), "core.js");
const t1 = performance.now();
if (require("node:fs").existsSync(core)) require(core);
console.log(JSON.stringify({ activateMs, firstUseMs: performance.now() - t1 }));
