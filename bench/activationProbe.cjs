// One activation in a fresh Node process, for bench/activation.mjs: `vscode` is a permissive stub
// (every property is a callable stub), so the cost measured is loading the bundle and running
// activate()'s own code. Prints {"activateMs":…} as JSON.
const Module = require("node:module");
const path = require("node:path");
const stub = new Proxy(function () {}, {
  get: (_t, key) => key === Symbol.toPrimitive ? () => "stub" : key === Symbol.iterator ? function* () {} : key === "then" ? undefined : stub,
  apply: () => stub,
  construct: () => stub,
  set: () => true,
});
// A plain object: the bundle copies the namespace's own properties (__toESM), which a Proxy lacks. So it
// lists every member the bundle uses, including those read while it loads (enum maps).
const vscode = Object.fromEntries(["window", "workspace", "commands", "env", "extensions", "languages", "Uri", "StatusBarAlignment",
  "ThemeColor", "ThemeIcon", "MarkdownString", "EventEmitter", "Disposable", "ViewColumn", "Range", "Position", "TreeItem",
  "TreeItemCollapsibleState", "DiagnosticSeverity", "CodeLens", "TabInputText", "TabInputTextDiff", "TabInputCustom", "QuickInputButtons",
  "OverviewRulerLane", "ConfigurationTarget", "WorkspaceEdit", "RelativePattern", "ProgressLocation", "EndOfLine"].map(k => [k, stub]));
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
console.log(JSON.stringify({ activateMs }));
