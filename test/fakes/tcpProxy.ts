// A loopback TCP proxy in front of a real server, to cut connections on demand: the SSE stream
// drops and unreachable moments that real opencode will not produce by itself while staying up.
import * as net from "node:net";

export class TcpProxy {
  #sockets = new Set<net.Socket>();
  #blockedUntil = 0;
  private constructor(private readonly server: net.Server, readonly port: number) {}

  /**
   * `target`: the upstream port, or a function read at each new connection, so the proxy follows a
   * server that a supervisor restarted on another port.
   */
  static async start(target: number | (() => number)): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const targetPort = typeof target === "number" ? () => target : target;
    const server = net.createServer(client => {
      if (Date.now() < proxy!.#blockedUntil) return void client.destroy();
      const upstream = net.connect(targetPort(), "127.0.0.1");
      for (const s of [client, upstream]) { proxy!.#sockets.add(s); s.on("close", () => proxy!.#sockets.delete(s)); s.on("error", () => {}); }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>(ok => server.listen(0, "127.0.0.1", ok));
    proxy = new TcpProxy(server, (server.address() as net.AddressInfo).port);
    return proxy;
  }

  get url(): string { return `http://127.0.0.1:${this.port}`; }

  /** Cuts every open connection, and refuses new ones for `blockMs` (`Infinity`: until `unblock`). */
  drop(blockMs = 0): void {
    this.#blockedUntil = Date.now() + blockMs;
    for (const s of this.#sockets) s.destroy();
  }

  /** Accepts connections again. */
  unblock(): void {
    this.#blockedUntil = 0;
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise(ok => this.server.close(ok));
  }
}
