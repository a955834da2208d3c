// Ids reach REST paths as one segment each, whatever they hold: a hostile id from the webview or a
// server must not walk to another route. Checked against a loopback HTTP server that records paths.
import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { OpencodeApi } from "../../src/protocol/api";
import { WebviewMessage } from "../../src/shared/messages";

describe("ids in REST paths", () => {
  let server: http.Server;
  const seen: string[] = [];
  let api: OpencodeApi;
  before(async () => {
    server = http.createServer((req, res) => { seen.push(`${req.method} ${req.url!.split("?")[0]}`); res.setHeader("content-type", "application/json"); res.end("true"); });
    await new Promise<void>(r => server.listen(0, "127.0.0.1", r));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    api = new OpencodeApi(async () => ({ baseUrl }), "/tmp/ws");
  });
  after(() => server.close());
  beforeEach(() => { seen.length = 0; });

  for (const id of ["../../instance/dispose?", "..", ".", "a/../../b", "%2e%2e", "ses_1#x"]) {
    it(`session id ${JSON.stringify(id)} never reaches another route`, async () => {
      await api.abort(id).catch(() => undefined);
      await api.getSession(id).catch(() => undefined);
      for (const p of seen) assert.match(p, /^(POST|GET) \/session\/[^/]+(\/abort)?$/, `went to ${p}`);
      assert.ok(!seen.some(p => /\/session\/\.\.?(\/|$)/.test(p)), `a dot segment was sent: ${seen.join(", ")}`);
    });
  }

  it("the webview's messages take only id-shaped ids", () => {
    for (const sessionID of ["../../instance/dispose?", "..", "a b", "x".repeat(201), ""]) {
      assert.equal(WebviewMessage.safeParse({ type: "openSession", sessionID }).success, false, sessionID);
    }
    assert.equal(WebviewMessage.safeParse({ type: "openSession", sessionID: "ses_3a9f0c1e2ffeYqk3bX8mZ2PnQ1" }).success, true);
  });
});
