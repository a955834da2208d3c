// The webview test bench: loads the real dist/webview/main.js (an ES module that imports its chunks
// lazily) and media/*.css in headless chromium, under the same CSP the extension sets, with a stubbed acquireVsCodeApi. Tests post host messages,
// read what the webview posted back, read its DOM and take screenshots per theme.
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot } from "../paths";
import { themes, type ThemeName } from "./themes";
import type { HostMessage, WebviewMessage } from "../../src/shared/messages";

const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

const types: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".map": "application/json" };

/**
 * Serves dist/ and media/ only (the webview's localResourceRoots, nested paths included) and the
 * bench page itself, from the repository or from another root (an unpacked VSIX's extension/).
 */
function serve(theme: () => ThemeName, root: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/") return void res.writeHead(200, { "content-type": "text/html" }).end(page(theme()));
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, "");
    if (!/^(dist|media)\//.test(rel)) return void res.writeHead(404).end();
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(fs.readFileSync(file));
  });
  return new Promise(ok => server.listen(0, "127.0.0.1", () => ok(server)));
}

// Mirrors src/chat/html.ts: same CSP shape ('self' stands for webview.cspSource: the origin of the
// extension's files), same nonce rule, a module script, a theme's VS Code variables on <html>.
// The stub is a classic nonce'd script so it runs before the deferred module.
function page(theme: ThemeName): string {
  const nonce = "bench-nonce";
  const vars = Object.entries(themes[theme]).map(([k, v]) => `${k}: ${v};`).join(" ");
  return `<!DOCTYPE html><html lang="en" style="${vars}" class="vscode-${theme}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}' 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'">
<link rel="stylesheet" href="/media/chat.css"><link rel="stylesheet" href="/media/markdown.css"><link rel="stylesheet" href="/media/asks.css"></head><body class="vscode-${theme}"><main id="root"></main>
<script nonce="${nonce}" src="/bench-stub.js"></script><script type="module" nonce="${nonce}" src="/dist/webview/main.js"></script></body></html>`;
}

// The stub stands in for the VS Code webview host API: it records posts and keeps setState.
// It also records CSP violations: with a sound sanitiser the CSP never has anything to block.
const stub = `window.__posted = []; let __state = window.__initialState; window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
window.acquireVsCodeApi = () => ({ postMessage: m => window.__posted.push(m), getState: () => __state, setState: s => { __state = s; } });`;

export class WebviewBench {
  /** Console errors and uncaught exceptions of the page: a test asserts there are none. */
  readonly errors: string[] = [];
  /** Every URL the page requested, in order (the XSS tests check none leaves the bench's origin). */
  readonly requests: string[] = [];

  private constructor(private browser: Browser, private server: http.Server, readonly page: Page, private themeRef: { name: ThemeName }, readonly origin: string) {}

  /** `root`: where dist/ and media/ are served from (default: the repository). */
  static async open(o: { theme?: ThemeName; savedState?: unknown; viewport?: { width: number; height: number }; root?: string } = {}): Promise<WebviewBench> {
    const themeRef = { name: o.theme ?? "dark" };
    const server = await serve(() => themeRef.name, o.root ?? repoRoot);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true, args: chromiumArgs });
    const pg = await browser.newPage({ viewport: o.viewport ?? { width: 420, height: 520 } });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await pg.route(`${base}/bench-stub.js`, r => r.fulfill({ contentType: "text/javascript", body: `window.__initialState = ${JSON.stringify(o.savedState ?? null)};\n${stub}` }));
    const bench = new WebviewBench(browser, server, pg, themeRef, base);
    pg.on("console", m => { if (m.type() === "error") bench.errors.push(m.text()); });
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
