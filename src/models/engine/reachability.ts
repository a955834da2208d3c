// Can this machine reach a model's API at all? A DNS lookup and a TCP connect to its host, with a
// short timeout: no request is sent, so no credential is needed or ever touched. It catches the
// common first-run failure (offline, a proxy-only network, a local server not started) before the
// first prompt turns it into a provider error after opencode's minute of retries.
import * as dns from "node:dns/promises";
import * as net from "node:net";

/** The host and port of an API URL; undefined for anything that is not http(s). */
export function apiEndpoint(url: string): { host: string; port: number } | undefined {
  let u: URL;
  try { u = new URL(url); } catch { return undefined; }
  if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  return { host, port: u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80 };
}

/** Undefined when a TCP connection to the URL's host opens within `timeoutMs`, else why not. */
export async function unreachable(url: string, timeoutMs = 3_000): Promise<string | undefined> {
  const ep = apiEndpoint(url);
  if (!ep) return undefined;
  const deadline = AbortSignal.timeout(timeoutMs);
  let address: string;
  try {
    address = net.isIP(ep.host) ? ep.host : (await Promise.race([dns.lookup(ep.host), aborted(deadline)])).address;
  } catch (err) {
    return deadline.aborted ? `no DNS answer for ${ep.host} within ${timeoutMs / 1000} s` : `${ep.host} has no address (${codeOf(err)})`;
  }
  return new Promise(resolve => {
    const socket = net.connect({ host: address, port: ep.port });
    const done = (why: string | undefined) => { socket.destroy(); deadline.removeEventListener("abort", onTimeout); resolve(why); };
    const onTimeout = () => done(`no connection to ${ep.host}:${ep.port} within ${timeoutMs / 1000} s`);
    deadline.addEventListener("abort", onTimeout);
    socket.once("connect", () => done(undefined));
    socket.once("error", err => done(`${ep.host}:${ep.port} refused the connection (${codeOf(err)})`));
  });
}

const aborted = (s: AbortSignal) => new Promise<never>((_, reject) => s.addEventListener("abort", () => reject(s.reason), { once: true }));
const codeOf = (err: unknown): string => (err as { code?: string }).code ?? String(err);
