// What a click in rendered markdown does. One delegated listener on the document (installed once)
// serves every message: links never navigate the webview, they go to the host as openLink (the
// host confirms non-workspace URLs); path-like hrefs and detected paths go as openFile; code block
// buttons copy or post insertCode. Middle clicks are swallowed for the whole page in main.ts.
import type { WebviewMessage } from "../../src/shared/messages";
import { linkTarget } from "../../src/shared/linkScheme";
import { findPaths } from "./paths";

export type MarkdownMessage = Extract<WebviewMessage, { type: "openLink" | "openFile" | "insertCode" }>;

let post: (m: MarkdownMessage) => void = m => console.warn("markdown: no poster set, dropped", m.type);

/** Where markdown sends its messages: main.ts passes the one acquireVsCodeApi().postMessage. */
export function setPoster(fn: (m: MarkdownMessage) => void): void {
  post = fn;
  install();
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", e => {
    const el = (e.target as Element | null)?.closest?.(".md .md-path");
    if (el && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      openPath(el as HTMLElement);
    }
  });
}

function onClick(e: MouseEvent): void {
  const target = e.target as Element | null;
  const md = target?.closest?.(".md");
  if (!target || !md) return;
  const link = target.closest("a");
  if (link) {
    e.preventDefault();
    // The one allow-list (linkScheme.ts) decides, again at the click: web and mail links go to the
    // host; a scheme-less href that is a whole path ([a.ts](src/a.ts:3)) opens the file; the rest is text.
    const target = linkTarget(link.getAttribute("href") ?? "");
    if (!target || target.href.startsWith("#")) return;
    if (target.kind !== "relative") return post({ type: "openLink", url: target.href });
    const href = target.href;
    const asPath = findPaths(href, true).find(p => p.start === 0 && p.end === href.length);
    if (asPath) post({ type: "openFile", path: asPath.path, ...(asPath.line ? { line: asPath.line } : {}) });
    else post({ type: "openLink", url: href });
    return;
  }
  const path = target.closest<HTMLElement>(".md-path");
  if (path) return openPath(path);
  const action = target.closest<HTMLElement>("[data-md-action]");
  if (action) codeAction(action);
}

function openPath(el: HTMLElement): void {
  const line = Number(el.dataset.line);
  post({ type: "openFile", path: el.dataset.path!, ...(line ? { line } : {}) });
}

function codeAction(button: HTMLElement): void {
  const code = button.closest(".md-code")?.querySelector("pre > code")?.textContent ?? "";
  if (button.dataset.mdAction === "insert") return post({ type: "insertCode", code });
  void navigator.clipboard.writeText(code).then(
    () => flash(button, "Copied"),
    () => flash(button, "Copy failed"),
  );
}

/** Says what happened on the button itself for a moment (screen readers hear it through aria-live). */
function flash(button: HTMLElement, text: string): void {
  const was = button.dataset.label ?? button.textContent ?? "";
  button.dataset.label = was;
  button.textContent = text;
  button.setAttribute("aria-live", "polite");
  setTimeout(() => { button.textContent = was; }, 1500);
}
