// The marked stage: markdown block → HTML string, NOT yet safe (sanitize.ts runs next). Pure, no
// DOM, so unit tests run it in Node. marked was chosen for speed, GFM (tables, fenced code) and an
// API that exposes the lexer, which lets link reference definitions cross block boundaries.
import { Lexer, Marked, type Links, type Tokens } from "marked";
import { limitNesting } from "./depth";

/** Link reference definitions by normalised label, as marked keeps them (`tokens.links`). */
export type Defs = Links;

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Images never load: a tracker pixel in model output must fetch nothing. The image becomes a
    // link (opened by the host on click, like any link) that names it.
    image({ href, title, text }: Tokens.Image): string {
      const label = escapeHtml(text || title || href);
      return `<a class="md-image" href="${escapeHtml(href)}" title="${escapeHtml(title || href)}">[image: ${label}]</a>`;
    },
  },
});

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

const mayDefine = /^ {0,3}\[[^\]\n]+\]:/m;

/** The reference definitions a block makes (usually none: a regex rules that out first). */
export function defsOf(block: string): Defs {
  if (!mayDefine.test(block)) return {};
  return { ...marked.lexer(limitNesting(block)).links };
}

/**
 * Parses one block. `defs` are the definitions of the whole message, in document order: CommonMark
 * lets a definition anywhere serve a link anywhere, and the first definition of a label wins, which
 * is what pre-filling the lexer's table gives (marked keeps the first one it sees).
 */
export function parseBlock(block: string, defs: Defs = {}): string {
  const lexer = new Lexer(marked.defaults);
  Object.assign(lexer.tokens.links, defs);
  // Every text reaches marked through limitNesting: its recursion must stay bounded (depth.ts).
  return marked.parser(lexer.lex(limitNesting(block)));
}

/** Merges the definitions of blocks in document order; the first definition of a label wins. */
export function mergeDefs(all: Defs[]): Defs {
  const out: Defs = {};
  for (const d of all) for (const [k, v] of Object.entries(d)) if (!Object.hasOwn(out, k)) out[k] = v;
  return out;
}

/** The whole text at once: the reference the block split must match (and the non-streaming path in tests). */
export function parseWhole(text: string): string {
  return marked.parser(marked.lexer(limitNesting(text)));
}
