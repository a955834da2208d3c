// Adds the interactive parts to a SANITISED fragment, with DOM calls only (no HTML strings): file
// paths become clickable, code blocks get a toolbar and the language highlight.ts will load.
import { languageOf } from "./languages";
import { findPaths } from "./paths";

/** Elements whose text is never scanned for paths: links already act, code blocks have their own actions. */
const skip = new Set(["A", "PRE", "BUTTON"]);

export function decorate(root: DocumentFragment): DocumentFragment {
  linkPaths(root);
  for (const pre of root.querySelectorAll("pre")) codeBlock(pre);
  return root;
}

function linkPaths(root: DocumentFragment): void {
  const texts: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: n => {
      for (let p = n.parentElement; p; p = p.parentElement) if (skip.has(p.nodeName)) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const t of texts) {
    const bare = t.parentElement?.nodeName === "CODE";
    const found = findPaths(t.data, bare);
    if (!found.length) continue;
    const parts: (string | Node)[] = [];
    let at = 0;
    for (const f of found) {
      parts.push(t.data.slice(at, f.start));
      const el = document.createElement("span");
      el.className = "md-path";
      el.setAttribute("role", "link");
      el.tabIndex = 0;
      el.dataset.path = f.path;
      if (f.line) el.dataset.line = String(f.line);
      el.title = `Open ${f.path}${f.line ? ` at line ${f.line}` : ""}`;
      el.textContent = t.data.slice(f.start, f.end);
      parts.push(el);
      at = f.end;
    }
    parts.push(t.data.slice(at));
    t.replaceWith(...parts.filter(p => p !== ""));
  }
}

function codeBlock(pre: HTMLPreElement): void {
  const code = pre.querySelector(":scope > code");
  const info = /(?:^|\s)language-(\S+)/.exec(code?.className ?? "")?.[1];
  const lang = languageOf(info);
  if (code && lang) (code as HTMLElement).dataset.lang = lang;
  const wrap = document.createElement("div");
  wrap.className = "md-code";
  const bar = document.createElement("div");
  bar.className = "md-code-bar";
  const label = document.createElement("span");
  label.className = "md-code-lang";
  label.textContent = info ?? "";
  bar.append(label, button("copy", "Copy", "Copy the code"), button("insert", "Insert at cursor", "Insert the code at the cursor in the active editor"));
  pre.replaceWith(wrap);
  wrap.append(bar, pre);
}

function button(action: string, text: string, title: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "md-code-action";
  b.dataset.mdAction = action;
  b.textContent = text;
  b.title = title;
  return b;
}
