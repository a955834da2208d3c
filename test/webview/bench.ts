// The webview test bench: loads the real dist/webview/main.js (an ES module that imports its chunks
// lazily) and media/*.css in headless chromium, in the extension's own page and CSP
// (src/shared/webviewHtml.ts), with a stubbed acquireVsCodeApi. Tests post host messages, read what
// the webview posted back, read its DOM and take screenshots per theme.
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot } from "../paths";
import { themes, type ThemeName } from "./themes";
import type { HostMessage, WebviewMessage } from "../../src/shared/messages";
import { chatPageHtml } from "../../src/shared/webviewHtml";

const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

const types: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".map": "application/json" };

/**
 * Serves dist/ and media/ only (the webview's localResourceRoots, nested paths included) and the
 * bench page itself, from the repository or from another root (an unpacked VSIX's extension/).
 */
function serve(theme: () => ThemeName, root: string, testHooks: boolean): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const origin = `http://${req.headers.host}`;
    if (url.pathname === "/") return void res.writeHead(200, { "content-type": "text/html" }).end(page(theme(), origin, testHooks));
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, "");
    if (!/^(dist|media)\//.test(rel)) return void res.writeHead(404).end();
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(fs.readFileSync(file));
  });
  return new Promise(ok => server.listen(0, "127.0.0.1", () => ok(server)));
}

/**
 * The extension's own page (src/shared/webviewHtml.ts: the same CSP, nonce rule and module script),
 * with this server's origin as the extension's file origin. Two nonce'd classic scripts go before
 * the module, doing what VS Code's webview host does before a page runs: the theme's variables and
 * classes (set through the CSSOM, which the CSP allows, as VS Code does) and the acquireVsCodeApi stub.
 */
function page(theme: ThemeName, origin: string, testHooks: boolean): string {
  const nonce = randomBytes(16).toString("base64");
  const html = chatPageHtml({ nonce, cspSource: origin, asset: (...p) => `${origin}/${p.join("/")}`, testHooks });
  const vars = JSON.stringify(themes[theme]);
  const setup = `<script nonce="${nonce}">const s = document.documentElement.style; for (const [k, v] of Object.entries(${vars})) s.setProperty(k, v);
document.documentElement.classList.add("vscode-${theme}"); addEventListener("DOMContentLoaded", () => document.body.classList.add("vscode-${theme}"));</script>
<script nonce="${nonce}" src="/bench-stub.js"></script>
`;
  const at = html.indexOf(`<script type="module"`);
  if (at < 0) throw new Error("the page has no module script to put the bench's stub before");
  return html.slice(0, at) + setup + html.slice(at);
}

// The stub stands in for the VS Code webview host API: it records posts and keeps setState.
// It also records CSP violations: with a sound sanitiser the CSP never has anything to block.
const stub = `window.__posted = []; let __state = window.__initialState; window.__cspViolations = [];
// A violation by an element of the page has that element as its target; "(document)" marks the rest.
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + (e.target === document ? " (document)" : "")));
// setState serialises the state as VS Code's does (it sends the JSON to the workbench); __saved is
// that JSON, what a reloaded webview would get back.
window.__saves = 0; window.__saved = null;
window.acquireVsCodeApi = () => ({ postMessage: m => window.__posted.push(m), getState: () => __state,
  setState: s => { __state = s; window.__saved = JSON.stringify(s); window.__saves++; } });`;

export class WebviewBench {
  /** Console errors and uncaught exceptions of the page: a test asserts there are none. */
  readonly errors: string[] = [];
  /** Console warnings (the webview logs what it drops). */
  readonly warnings: string[] = [];
  /** Every URL the page requested, in order (the XSS tests check none leaves the bench's origin). */
  readonly requests: string[] = [];

  private constructor(private browser: Browser, private server: http.Server, readonly page: Page, private themeRef: { name: ThemeName }, readonly origin: string) {}

  /**
   * `root`: where dist/ and media/ are served from (default: the repository). `testHooks`: the page
   * says test hooks are on, as the extension's does under OPENCODE_VSCODE_TEST=1. `init`: a script
   * run before the webview's module (a benchmark's probes).
   */
  static async open(o: { theme?: ThemeName; savedState?: unknown; viewport?: { width: number; height: number }; root?: string; testHooks?: boolean; init?: string } = {}): Promise<WebviewBench> {
    const themeRef = { name: o.theme ?? "dark" };
    const server = await serve(() => themeRef.name, o.root ?? repoRoot, o.testHooks ?? false);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true, args: chromiumArgs });
    const pg = await browser.newPage({ viewport: o.viewport ?? { width: 420, height: 520 } });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await pg.route(`${base}/bench-stub.js`, r => r.fulfill({ contentType: "text/javascript", body: `window.__initialState = ${JSON.stringify(o.savedState ?? null)};\n${stub}\n${o.init ?? ""}` }));
    const bench = new WebviewBench(browser, server, pg, themeRef, base);
    pg.on("console", m => {
      if (m.type() === "error") bench.errors.push(m.text());
      if (m.type() === "warning") bench.warnings.push(m.text());
    });
    pg.on("pageerror", e => bench.errors.push(String(e)));
    pg.on("request", r => bench.requests.push(r.url()));
    await pg.goto(base + "/");
    await pg.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0); // the module ran
    return bench;
  }

  /** Delivers a host → webview message the way VS Code does (a window message event). */
  async post(m: HostMessage): Promise<void> {
    await this.page.evaluate(msg => window.postMessage(msg, "*"), m);
  }

  posted(): Promise<WebviewMessage[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
  }

  /** What the webview last saved with setState, as the next load would get it; null before any save. */
  async saved(): Promise<{ state: unknown; saves: number }> {
    const r = await this.page.evaluate(() => { const w = window as unknown as { __saved: string | null; __saves: number }; return { json: w.__saved, saves: w.__saves }; });
    return { state: r.json === null ? null : JSON.parse(r.json), saves: r.saves };
  }

  text(): Promise<string> {
    return this.page.evaluate(() => document.getElementById("root")!.innerText);
  }

  async reload(theme?: ThemeName): Promise<void> {
    if (theme) this.themeRef.name = theme;
    await this.page.reload();
  }

  /** Waits for the webview to render what it was posted (Preact renders synchronously; layout takes a frame or two). */
  async settle(): Promise<void> {
    await this.page.evaluate(() => new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  }

  async screenshot(name: string, fullPage = false): Promise<string> {
    const dir = path.join(repoRoot, "test-results", "webview");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage });
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise(ok => this.server.close(ok));
  }
}

export async function chromiumVersion(): Promise<string> {
  const b = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true, args: chromiumArgs });
  const v = b.version();
  await b.close();
  return v;
}
