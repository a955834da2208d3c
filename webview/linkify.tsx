// Plain model text with URLs and file paths (`src/foo.ts:12`) turned into links. The links do not
// navigate: main.ts handles every anchor click in the page and asks the host (openFile/openLink).
import type { JSX } from "preact";

const url = String.raw`https?:\/\/[^\s<>"'\x60]+`;
// A path: optional ./ ../ or /, segments, a name with an extension, then optional :line[:col].
const path = String.raw`(?:\.{1,2}\/|\/)?(?:[\w@.+-]+\/)*[\w@+-][\w@.+-]*\.[A-Za-z][A-Za-z0-9]{0,7}(?::\d+(?::\d+)?)?`;
const token = new RegExp(`(${url})|(${path})`, "g");

/** Extensions that make a bare name (no slash) a file; "e.g." or "v1.2" must stay text. */
const codeExt = new Set(("ts tsx js jsx mjs cjs json jsonc md mdx py rs go java kt kts c h cc cpp hpp cs rb php swift css scss less html vue svelte yml yaml "
  + "toml sh bash zsh txt lock xml sql gradle ini cfg env sum mod proto graphql lua dart ex exs erl scala clj zig nix").split(" "));

export type Piece = string | { url: string } | { path: string; line?: number };

/** Splits text into plain strings and links; pure, so it is tested on its own. */
export function linkPieces(text: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(token)) {
    let raw = m[0];
    const at = m.index;
    const before = at > 0 ? text[at - 1] : "";
    // Inside a longer word or path (e.g. the tail of an unmatched URL), or sentence punctuation at the end.
    if (/[\w/.:@-]/.test(before)) continue;
    raw = raw.replace(/[.,;:!?)\]}'"]+$/, "");
    if (!raw) continue;
    let piece: Piece | undefined;
    if (m[1]) piece = { url: raw };
    else {
      const [, file, line] = /^(.*?)(?::(\d+))?(?::\d+)?$/.exec(raw)!;
      const ext = file.slice(file.lastIndexOf(".") + 1).toLowerCase();
      if (file.includes("/") ? /[A-Za-z]/.test(file) && !file.endsWith("/") : codeExt.has(ext)) {
        piece = line ? { path: file, line: Number(line) } : { path: file };
      }
    }
    if (!piece) continue;
    if (at > last) out.push(text.slice(last, at));
    out.push(piece);
    last = at + raw.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function FileLink({ path, line, label }: { path: string; line?: number; label?: string }): JSX.Element {
  const text = label ?? (line ? `${path}:${line}` : path);
  return <a class="file-link" href="#" data-path={path} data-line={line} title={`Open ${path}${line ? ` at line ${line}` : ""}`}>{text}</a>;
}

export function Linkified({ text }: { text: string }): JSX.Element {
  return (
    <>
      {linkPieces(text).map(p => typeof p === "string" ? p
        : "url" in p ? <a href={p.url} title={p.url}>{p.url}</a>
        : <FileLink path={p.path} line={p.line} />)}
    </>
  );
}
