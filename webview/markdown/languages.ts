// The highlight.js languages a code block can load, each its own chunk (dist/webview/chunks/<name>-<hash>.js)
// through a literal import() that esbuild splits out. Only common languages: highlight.js's
// 190-language "common" build would put ~900 KB in the initial chunk or one huge lazy chunk.
import type { LanguageFn } from "highlight.js";

type Loader = () => Promise<{ default: LanguageFn }>;

export const loaders: Record<string, Loader> = {
  bash: () => import("highlight.js/lib/languages/bash"),
  c: () => import("highlight.js/lib/languages/c"),
  cpp: () => import("highlight.js/lib/languages/cpp"),
  csharp: () => import("highlight.js/lib/languages/csharp"),
  css: () => import("highlight.js/lib/languages/css"),
  diff: () => import("highlight.js/lib/languages/diff"),
  dockerfile: () => import("highlight.js/lib/languages/dockerfile"),
  go: () => import("highlight.js/lib/languages/go"),
  ini: () => import("highlight.js/lib/languages/ini"),
  java: () => import("highlight.js/lib/languages/java"),
  javascript: () => import("highlight.js/lib/languages/javascript"),
  json: () => import("highlight.js/lib/languages/json"),
  kotlin: () => import("highlight.js/lib/languages/kotlin"),
  lua: () => import("highlight.js/lib/languages/lua"),
  makefile: () => import("highlight.js/lib/languages/makefile"),
  markdown: () => import("highlight.js/lib/languages/markdown"),
  php: () => import("highlight.js/lib/languages/php"),
  powershell: () => import("highlight.js/lib/languages/powershell"),
  python: () => import("highlight.js/lib/languages/python"),
  ruby: () => import("highlight.js/lib/languages/ruby"),
  rust: () => import("highlight.js/lib/languages/rust"),
  scss: () => import("highlight.js/lib/languages/scss"),
  shell: () => import("highlight.js/lib/languages/shell"),
  sql: () => import("highlight.js/lib/languages/sql"),
  swift: () => import("highlight.js/lib/languages/swift"),
  typescript: () => import("highlight.js/lib/languages/typescript"),
  xml: () => import("highlight.js/lib/languages/xml"),
  yaml: () => import("highlight.js/lib/languages/yaml"),
};

/** Fence info strings models use, mapped to the highlight.js name. */
const aliases: Record<string, string> = {
  ts: "typescript", tsx: "typescript", mts: "typescript", cts: "typescript",
  js: "javascript", jsx: "javascript", mjs: "javascript", cjs: "javascript", node: "javascript",
  py: "python", python3: "python", sh: "bash", zsh: "bash", shellscript: "bash",
  console: "shell", "shell-session": "shell", rs: "rust", golang: "go", kt: "kotlin", kts: "kotlin",
  "c++": "cpp", cc: "cpp", hpp: "cpp", cxx: "cpp", h: "c", cs: "csharp", "c#": "csharp",
  rb: "ruby", yml: "yaml", html: "xml", htm: "xml", svg: "xml", xhtml: "xml", toml: "ini",
  md: "markdown", docker: "dockerfile", make: "makefile", mk: "makefile", ps1: "powershell", pwsh: "powershell",
  patch: "diff", jsonc: "json", json5: "json", postgres: "sql", postgresql: "sql", mysql: "sql", sqlite: "sql",
};

/** The loadable language for a fence's first word (`ts`, `Python`, `rust,ignore`), if any. */
export function languageOf(info: string | undefined): string | undefined {
  const word = (info ?? "").trim().split(/[\s,{]/)[0].toLowerCase();
  const name = aliases[word] ?? word;
  return Object.hasOwn(loaders, name) ? name : undefined;
}
