// A remote MCP server behind OAuth, in real opencode 1.18.33. The remote server and its authorization
// server are a loopback fake (an MCP server's side, not opencode's), and the "browser" opencode opens
// is an xdg-open on PATH that follows the redirects, as a user signing in would.
// Findings:
// - A remote server that answers 401 and serves OAuth metadata (with dynamic client registration)
//   is `needs_auth`. opencode registers itself with redirect_uri http://127.0.0.1:19876/mcp/oauth/callback.
// - `POST /mcp/{name}/auth/authenticate` runs the whole flow: it opens the authorization URL with
//   the system's opener (xdg-open on Linux), receives the redirect on its own callback server,
//   exchanges the code and reconnects with the token; its answer is the server's new status.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { FakeModel } from "../fakes/fakeModel";
import { startRealOpencode, type RealOpencode } from "../fakes/realOpencode";
import { OpencodeApi } from "../../src/protocol/api";
import { callJson } from "../../src/protocol/http";

/** An MCP endpoint that wants a bearer token, with the OAuth endpoints a client discovers and uses. */
async function oauthProtectedServer() {
  const seen = { tokens: [] as string[], opened: 0 };
  let base = "";
  const json = (res: http.ServerResponse, status: number, body: unknown): void => void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const server = http.createServer(async (req, res): Promise<void> => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? "/", base);
    if (req.headers.authorization) seen.tokens.push(req.headers.authorization);
    if (url.pathname.startsWith("/.well-known/oauth-protected-resource")) return json(res, 200, { resource: `${base}/mcp`, authorization_servers: [base] });
    if (url.pathname === "/.well-known/oauth-authorization-server") {
      return json(res, 200, { issuer: base, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, registration_endpoint: `${base}/register`, response_types_supported: ["code"], code_challenge_methods_supported: ["S256"] });
    }
    if (url.pathname === "/register") return json(res, 201, { client_id: "fake-client", redirect_uris: JSON.parse(body).redirect_uris });
    if (url.pathname === "/authorize") {
      seen.opened++;
      return void res.writeHead(302, { location: `${url.searchParams.get("redirect_uri")}?code=fake-code&state=${url.searchParams.get("state")}` }).end();
    }
    if (url.pathname === "/token") return json(res, 200, { access_token: "fake-access", token_type: "Bearer", expires_in: 3600 });
    // The MCP endpoint itself: unauthorized without the token; with it, a refusal the status names.
    if (req.headers.authorization === "Bearer fake-access") return void res.writeHead(503).end();
    return void res.writeHead(401, { "www-authenticate": `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"` }).end();
  });
  await new Promise<void>(ok => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${base}/mcp`, seen, close: () => new Promise(ok => server.close(ok)) };
}

describe("real opencode: a remote MCP server behind OAuth", function () {
  this.timeout(120_000);
  let model: FakeModel, oc: RealOpencode, api: OpencodeApi, remote: Awaited<ReturnType<typeof oauthProtectedServer>>;
  const browserDir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-browser-"));

  before(async () => {
    remote = await oauthProtectedServer();
    // The "browser": follows the authorization URL's redirects to opencode's callback, like a sign-in.
    fs.writeFileSync(path.join(browserDir, "browse.js"), "fetch(process.argv[2]).then(r => r.text()).catch(() => process.exit(1));\n");
    fs.writeFileSync(path.join(browserDir, "xdg-open"), `#!/bin/sh\nexec "${process.execPath}" "${path.join(browserDir, "browse.js")}" "$1"\n`, { mode: 0o755 });
    const savedPath = process.env.PATH;
    process.env.PATH = `${browserDir}${path.delimiter}${savedPath}`;
    model = await FakeModel.start();
    try { oc = await startRealOpencode(model, { config: { mcp: { guarded: { type: "remote", url: remote.url } } } }); } finally { process.env.PATH = savedPath; }
    api = new OpencodeApi(() => oc.supervisor.ensureRunning(), oc.workspace);
  });
  after(async () => { await oc?.stop(); await model?.close(); await remote?.close(); fs.rmSync(browserDir, { recursive: true, force: true }); });

  it("is needs_auth; Authenticate signs in through the browser and opencode then calls with the token", async () => {
    assert.deepEqual((await api.mcpStatus()).guarded, { status: "needs_auth" });
    assert.equal(remote.seen.tokens.length, 0, "the barrier: no token before the sign-in");
    const status = await api.mcpAuthenticate("guarded");
    assert.equal(remote.seen.opened, 1, "the browser opened the authorization URL once");
    assert.ok(remote.seen.tokens.includes("Bearer fake-access"), JSON.stringify(remote.seen.tokens));
    // The fake refuses even the authorized call, so the server ends failed with that reason, no longer needs_auth.
    assert.equal(status?.status, "failed");
    assert.deepEqual(await api.mcpStatus().then(s => s.guarded.status), "failed");
    // Signing out: DELETE /mcp/{name}/auth (the extension offers no action for it) answers success.
    assert.deepEqual(await callJson(oc, "/mcp/guarded/auth", { method: "DELETE", directory: oc.workspace }), { success: true });
  });
});
