// opencode.serverUrl: the attached server must be opencode 1.x in the supported range. The real
// pinned opencode is accepted with its version. What opencode 1.x never answers on /global/health
// (a web page) comes from a plain HTTP server: real 1.x answers unknown routes that way, checked here.
import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { AttachedServer, UnsupportedServerError } from "../../src/server/attached";
import { toUserMessage } from "../../src/server/userMessage";
import { describeState } from "../../src/workspace/serverText";
import type { Endpoint } from "../../src/protocol/http";
import { authHeader } from "../../src/protocol/http";
import { useSharedServer } from "./helpers/sharedServer";

describe("real opencode: an attached server's version (opencode.serverUrl)", function () {
  this.timeout(120_000);
  const shared = useSharedServer({});

  it("the pinned opencode is attached, running with the version its health check reports", async () => {
    const server = new AttachedServer(shared.oc.workspace, async () => shared.oc);
    try {
      await server.ensureRunning();
      const s = server.state;
      assert.equal(s.kind, "running");
      assert.equal(s.kind === "running" && s.version, shared.oc.version);
      assert.match(shared.oc.version, /^1\.\d+\.\d+/);
    } finally { await server.dispose(); }
  });

  it("real opencode 1.x answers a route it does not know with a 200 web page (so a server without /global/health looks like this)", async () => {
    const res = await request(new URL("/no/such/route/of/opencode", shared.oc.baseUrl), { headers: authHeader(shared.oc.credentials) });
    const body = await res.body.text();
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/html/);
    assert.match(body, /<html/i);
  });

  it("a server answering /global/health with a web page is 'not opencode 1.x (perhaps opencode 2.x…)', at once and named in the state", async () => {
    const page = http.createServer((_req, res) => { res.writeHead(200, { "content-type": "text/html; charset=utf-8" }); res.end("<!doctype html><html><body>opencode</body></html>"); });
    await new Promise<void>(ok => page.listen(0, "127.0.0.1", ok));
    const ep: Endpoint = { baseUrl: `http://127.0.0.1:${(page.address() as AddressInfo).port}` };
    const server = new AttachedServer("/tmp", async () => ep);
    try {
      const t0 = Date.now();
      const err = await server.ensureRunning().then(() => assert.fail("attached to a web page"), (e: unknown) => e);
      assert.ok(err instanceof UnsupportedServerError, `got ${err}`);
      assert.ok(Date.now() - t0 < 4_000, "refused without waiting out the health timeout: a web page will not turn into opencode");
      const text = toUserMessage(err);
      assert.ok(text.includes(`The server at opencode.serverUrl (${ep.baseUrl}) is not opencode 1.x (perhaps opencode 2.x, not supported yet): GET /global/health answered HTTP 200 text/html, not JSON`), text);
      assert.equal(server.state.kind, "crashed");
      assert.equal(describeState(server.state), text, "the status bar says the same");
    } finally {
      await server.dispose();
      await new Promise(ok => page.close(ok));
    }
  });
});
