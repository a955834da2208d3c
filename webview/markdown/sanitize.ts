// Every HTML string that reaches the DOM passes through here first: marked's output (model text
// may contain raw HTML) and highlight.js output. DOMPurify was chosen because it parses with the
// browser's own parser (no parser-differential bypasses), is maintained by security researchers,
// and handles the namespace-confusion and mXSS tricks a regex allowlist misses.
import DOMPurify from "dompurify";
import { linkTarget } from "../../src/shared/linkScheme";

/** What markdown produces, and nothing that loads, runs, styles or submits anything. */
const markdownTags = [
  "a", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del", "s",
  "ul", "ol", "li", "input", "table", "thead", "tbody", "tr", "th", "td", "span", "sup", "sub", "kbd", "details", "summary",
];
/** `class` carries `language-x` on code; `type`/`checked`/`disabled` are GFM task-list checkboxes. */
const markdownAttrs = ["href", "title", "class", "start", "align", "colspan", "rowspan", "type", "checked", "disabled"];
const purifier = DOMPurify(window);
purifier.addHook("uponSanitizeAttribute", (node, data) => {
  // href is the only URL attribute allowed, and its scheme is decided by the one allow-list
  // (linkScheme.ts: http(s), mailto, scheme-less paths). A refused link keeps its text, not its href.
  if (data.attrName === "href") {
    const target = linkTarget(data.attrValue);
    if (target) data.attrValue = target.href;
    else data.keepAttr = false;
    return;
  }
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
    // Everything: the href hook above decides. DOMPurify's own list differs (it allows tel: and sms:,
    // refuses Windows paths, and let `a1:` through as the old regex here did).
    ALLOWED_URI_REGEXP: /^/,
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
