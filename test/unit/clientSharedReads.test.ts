// The folder client shares a big read that is already in flight (a server's start has the model
// line, the context meter and the share check ask at once), and only then: a later read asks again.
import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { OpencodeClient } from "../../src/conversation/client";

describe("the folder client's shared reads", () => {
  let server: http.Server;
  const asked: string[] = [];
  /** Answers held until released, so the test decides when a read is in flight. */
  let release: () => void = () => {};
  let held = Promise.resolve();

  before(async () => {
    server = http.createServer((req, res) => {
      asked.push(new URL(req.url!, "http://x").pathname);
      void held.then(() => { res.setHeader("content-type", "application/json"); res.end(JSON.stringify({ share: "disabled", n: asked.length })); });
    });
    await new Promise<void>(ok => server.listen(0, "127.0.0.1", ok));
  });
  after(() => new Promise<void>(ok => server.close(() => ok())));

  it("two reads of /config at once make one request; one after the answer makes another", async () => {
    const port = (server.address() as AddressInfo).port;
    const client = new OpencodeClient(async () => ({ baseUrl: `http://127.0.0.1:${port}` }), "/ws");
    held = new Promise<void>(ok => { release = ok; });
    const first = client.config(), second = client.config();
    const providers = client.providers();
    await new Promise<void>(ok => { const t = setInterval(() => { if (asked.length >= 2) { clearInterval(t); ok(); } }, 5); });
    release();
    const [a, b] = await Promise.all([first, second, providers]);
    assert.equal(a, b, "the second read got the first one's answer");
    assert.deepEqual([...asked].sort(), ["/config", "/config/providers"]);

    const third = await client.config();
    assert.notEqual(third, a, "a read after the answer asked again");
    assert.deepEqual(asked.filter(p => p === "/config").length, 2);
  });
});
