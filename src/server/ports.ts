import * as net from "node:net";

/**
 * Asks the OS for a free loopback port. opencode 1.18's `--port 0` still tries 4096 first
 * (a random one only when 4096 is taken), so the extension picks the port itself; the tiny race
 * with another process grabbing it is handled by the caller's retry on an early exit.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
