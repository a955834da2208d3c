// Finds file paths (with an optional :line or #L line) in model output, so they can open in the
// editor. Pure: unit-tested in Node. It errs towards missing a path rather than turning prose into
// links: in plain text a path needs a separator (src/a.ts, ./x.py, C:\a\b.cs); a bare name
// (package.json) counts only inside inline code, where models put file names.

export type FoundPath = { start: number; end: number; path: string; line?: number };

const segment = String.raw`\.?[\w@$+-][\w.@$+-]*`; // .github, .vscode too
const file = String.raw`[\w@$+-][\w.@$+-]*\.[A-Za-z][A-Za-z0-9]{0,9}`;
const lineSuffix = String.raw`(?::(\d{1,7})(?::\d{1,7})?|#L(\d{1,7}))?`;
// Not inside a longer word, URL or path: nothing path-like right before, no word or slash right after.
const before = String.raw`(?<![\w.\/\\:@$~+-])`;
const after = String.raw`(?![\w\/\\-]|\.[A-Za-z0-9])`;
const prefix = String.raw`(?:\.{1,2}[\/\\]|~\/|\/|[A-Za-z]:[\/\\])?`;
const pathRe = new RegExp(`${before}(${prefix}(?:${segment}[\\/\\\\])*${file})${lineSuffix}${after}`, "g");

/**
 * Path-like spans of `text`. `bare`: also accept a file name without a directory (inline code).
 * URLs are skipped: "://" and the host before a path fail the look-behind at every start.
 */
export function findPaths(text: string, bare = false): FoundPath[] {
  const found: FoundPath[] = [];
  for (const m of text.matchAll(pathRe)) {
    const path = m[1];
    const hasDir = /[\/\\]/.test(path);
    if (!hasDir && !bare) continue;
    // A host name is no directory: example.com/a.js, www.x.io/b.html (no prefix, dotted first segment).
    if (/^[\w@$+-]+\.[^\/\\]*[\/\\]/.test(path)) continue;
    const n = m[2] ?? m[3];
    found.push({ start: m.index!, end: m.index! + m[0].length, path, ...(n ? { line: Number(n) } : {}) });
  }
  return found;
}
