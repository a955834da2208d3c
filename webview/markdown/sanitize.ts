// Every HTML string that reaches the DOM passes through here first: marked's output (model text
// may contain raw HTML) and highlight.js output. DOMPurify was chosen because it parses with the
// browser's own parser (no parser-differential bypasses), is maintained by security researchers,
// and handles the namespace-confusion and mXSS tricks a regex allowlist misses.
import DOMPurify from "dompurify";

/** What markdown produces, and nothing that loads, runs, styles or submits anything. */
const markdownTags = [
  "a", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del", "s",
  "ul", "ol", "li", "input", "table", "thead", "tbody", "tr", "th", "td", "span", "sup", "sub", "kbd", "details", "summary",
];
/** `class` carries `language-x` on code; `type`/`checked`/`disabled` are GFM task-list checkboxes. */
const markdownAttrs = ["href", "title", "class", "start", "align", "colspan", "rowspan", "type", "checked", "disabled"];
/**
 * Links: http(s), mailto, and scheme-less (relative paths, anchors); so no javascript:, data:,
 * vbscript:, file:, command: or vscode: (a link must not run a VS Code command). DOMPurify matches
 * this after the browser decoded entities, so `jav&#x61;script:` and `JaVaScRiPt:` fail too.
 */
const allowedUri = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const purifier = DOMPurify(window);
purifier.addHook("uponSanitizeAttribute", (node, data) => {
  // Only GFM's task-list checkbox may be an <input>: disabled, no name, no value, nothing to submit.
  if (node.nodeName === "INPUT" && data.attrName === "type" && data.attrValue !== "checkbox") data.keepAttr = false;
});
purifier.addHook("afterSanitizeAttributes", node => {
  if (node.nodeName === "INPUT") {
    if (node.getAttribute("type") !== "checkbox") node.remove();
    else node.setAttribute("disabled", "");
  }
});

/** Sanitises markdown HTML into a fragment (never a string round-trip, which mXSS feeds on). */
export function sanitizeMarkdown(html: string): DocumentFragment {
  return purifier.sanitize(html, {
    ALLOWED_TAGS: markdownTags,
    ALLOWED_ATTR: markdownAttrs,
    ALLOWED_URI_REGEXP: allowedUri,
    FORBID_ATTR: ["style"],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    RETURN_DOM_FRAGMENT: true,
  });
}

/** highlight.js output: only `<span class="hljs-…">` around escaped text. */
export function sanitizeHighlight(html: string): DocumentFragment {
  return purifier.sanitize(html, { ALLOWED_TAGS: ["span"], ALLOWED_ATTR: ["class"], RETURN_DOM_FRAGMENT: true });
}
