// Plain model text with URLs and file paths (`src/foo.ts:12`) turned into links. The links do not
// navigate: main.ts handles every anchor click in the page and asks the host (openFile/openLink).
import type { JSX } from "preact";
import { findPaths } from "./markdown/paths";
import { webHref } from "../src/shared/linkScheme";

const urlRe = /https?:\/\/[^\s<>"'\x60]+/g;

/** Extensions that make a bare name (no slash) a file; "e.g." or "v1.2" must stay text. */
const codeExt = new Set(("ts tsx js jsx mjs cjs json jsonc md mdx py rs go java kt kts c h cc cpp hpp cs rb php swift css scss less html vue svelte yml yaml "
  + "toml sh bash zsh txt lock xml sql gradle ini cfg env sum mod proto graphql lua dart ex exs erl scala clj zig nix").split(" "));

export type Piece = string | { url: string } | { path: string; line?: number };

/**
 * Splits text into plain strings and links; pure. Paths are found by the markdown pipeline's
 * detector (markdown/paths.ts), so plain text and rendered markdown agree on what is a path; a bare
 * name (no directory) counts only with a code file extension.
 */
export function linkPieces(text: string): Piece[] {
  const out: Piece[] = [];
  const withPaths = (segment: string) => {
    let last = 0;
    for (const p of findPaths(segment, true)) {
      if (!/[\/\\]/.test(p.path) && !codeExt.has(p.path.slice(p.path.lastIndexOf(".") + 1).toLowerCase())) continue;
      if (p.start > last) out.push(segment.slice(last, p.start));
      out.push(p.line ? { path: p.path, line: p.line } : { path: p.path });
      last = p.end;
    }
    if (last < segment.length) out.push(segment.slice(last));
  };
  let last = 0;
  for (const m of text.matchAll(urlRe)) {
    // Sentence punctuation after a URL is not part of it.
    const raw = m[0].replace(/[.,;:!?)\]}'"]+$/, "");
    withPaths(text.slice(last, m.index));
    out.push({ url: raw });
    last = m.index + raw.length;
  }
  withPaths(text.slice(last));
  return out;
}

export function FileLink({ path, line, label }: { path: string; line?: number; label?: string }): JSX.Element {
  const text = label ?? (line ? `${path}:${line}` : path);
  return <a class="file-link" href="#" data-path={path} data-line={line} title={`Open ${path}${line ? ` at line ${line}` : ""}`}>{text}</a>;
}

/**
 * A URL from untrusted text outside markdown (a tool's input, a prompt): a link only when the one
 * allow-list (linkScheme.ts) makes it a web or mail link, else the same text, inert.
 */
export function WebLink({ url }: { url: string }): JSX.Element {
  const href = webHref(url);
  return href ? <a href={href} title={href}>{url}</a> : <span class="inert-link" title="Not opened: only http, https and mailto links open">{url}</span>;
}

export function Linkified({ text }: { text: string }): JSX.Element {
  return (
    <>
      {linkPieces(text).map(p => typeof p === "string" ? p
        : "url" in p ? <WebLink url={p.url} />
        : <FileLink path={p.path} line={p.line} />)}
    </>
  );
}
