// A loopback HTTP forwarder in front of a real server that records every request and the status
// the server answered: what the server itself received, as opposed to what the client believes it
// sent (e.g. how many replies to one ask opencode accepted).
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export type Exchange = { method: string; path: string; status: number };

export class HttpTap {
  readonly exchanges: Exchange[] = [];
  /**
   * Requests whose path matches this, once each: the server gets them and answers, but the client's
   * connection is cut before the answer reaches it (a server killed between storing and answering).
   */
  loseAnswerOnce: RegExp | undefined;
  private constructor(private readonly server: http.Server, readonly port: number) {}

  /** `target` is read for each request, so the tap follows a server restarted on another port. */
  static async start(target: () => number): Promise<HttpTap> {
    let tap: HttpTap | undefined;
    const agent = new http.Agent({ keepAlive: true });
    const server = http.createServer((req, res) => {
      const up = http.request({ host: "127.0.0.1", port: target(), method: req.method, path: req.url, headers: req.headers, agent }, upRes => {
        tap!.exchanges.push({ method: req.method ?? "", path: req.url ?? "", status: upRes.statusCode ?? 0 });
        if (tap!.loseAnswerOnce?.test(req.url ?? "")) {
          tap!.loseAnswerOnce = undefined;
          upRes.resume();
          return void res.socket?.destroy();
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.on("error", () => res.destroy());
      });
      // An unreachable or dying server: the client sees its connection fail, as it would directly.
      up.on("error", () => res.destroy());
      req.pipe(up);
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>(ok => server.listen(0, "127.0.0.1", ok));
    tap = new HttpTap(server, (server.address() as AddressInfo).port);
    return tap;
  }

  get url(): string { return `http://127.0.0.1:${this.port}`; }

  /** Per ask id, how many replies opencode accepted (a 2xx to `POST /permission/{id}/reply`). */
  acceptedReplies(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const e of this.exchanges) {
      const id = e.method === "POST" && e.status >= 200 && e.status < 300 ? /^\/permission\/([^/?]+)\/reply/.exec(e.path)?.[1] : undefined;
      if (id) counts.set(decodeURIComponent(id), (counts.get(decodeURIComponent(id)) ?? 0) + 1);
    }
    return counts;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise(ok => this.server.close(ok));
  }
}
