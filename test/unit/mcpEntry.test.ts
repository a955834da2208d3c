// What "Add MCP Server…" may write: names, command lines, URLs, and the rule that a secret-looking
// value is written only as an {env:}/{file:} reference. Plus the tolerant decoding of GET /mcp.
import * as assert from "node:assert/strict";
import { envNameProblem, holdsReference, looksSecret, mcpEntry, mcpNameProblem, mcpUrlProblem, referenceFor, secretValueProblem, splitCommandLine, suggestedEnvName } from "../../src/settings/mcpEntry";
import { decodeMcpStatusMap } from "../../src/protocol/mcp";
import { checkMcp } from "../../src/settings/opencodeSettings";

describe("MCP server entries", () => {
  it("names: tool-name characters only, not empty, not taken", () => {
    assert.equal(mcpNameProblem("github"), undefined);
    assert.equal(mcpNameProblem("my-server_2"), undefined);
    assert.match(mcpNameProblem("")!, /Enter a name/);
    for (const bad of ["my server", "a.b", "ü", "x/y", "a".repeat(65)]) assert.match(mcpNameProblem(bad)!, /letters, digits/, bad);
    assert.match(mcpNameProblem("github", ["github"])!, /already/);
  });

  it("command lines split like a shell without expansion", () => {
    assert.deepEqual(splitCommandLine("npx -y @scope/server --root /tmp"), ["npx", "-y", "@scope/server", "--root", "/tmp"]);
    assert.deepEqual(splitCommandLine(`node "/path with space/index.js" 'a b' c\\ d ""`), ["node", "/path with space/index.js", "a b", "c d", ""]);
    assert.deepEqual(splitCommandLine(`  echo "say \\"hi\\""  `), ["echo", 'say "hi"']);
    assert.deepEqual(splitCommandLine("   "), []);
    assert.throws(() => splitCommandLine(`node "unclosed`), /unclosed " quote/);
  });

  it("URLs: http or https, no credentials inside", () => {
    assert.equal(mcpUrlProblem("https://mcp.example.com/mcp"), undefined);
    assert.equal(mcpUrlProblem("http://127.0.0.1:3001/sse"), undefined);
    assert.match(mcpUrlProblem("mcp.example.com")!, /Enter a URL/);
    assert.match(mcpUrlProblem("ftp://x.example.com")!, /http:\/\/ or https:\/\//);
    assert.match(mcpUrlProblem("https://user:pw@x.example.com")!, /no credentials/);
  });

  it("secret-looking keys need a reference; other keys take any value", () => {
    for (const k of ["GITHUB_TOKEN", "api_key", "Authorization", "CLIENT_SECRET", "DB_PASSWORD", "X-Api-Key", "Cookie"]) assert.ok(looksSecret(k), k);
    for (const k of ["LOG_LEVEL", "NODE_ENV", "Accept", "ROOT_DIR"]) assert.ok(!looksSecret(k), k);
    assert.match(secretValueProblem("GITHUB_TOKEN", "ghp_abc123")!, /never as the value itself/);
    assert.match(secretValueProblem("Authorization", "Bearer abc")!, /Authorization/);
    assert.equal(secretValueProblem("GITHUB_TOKEN", "{env:GITHUB_TOKEN}"), undefined);
    assert.equal(secretValueProblem("Authorization", "Bearer {env:GH}"), undefined);
    assert.equal(secretValueProblem("API_KEY", "{file:~/.secrets/key}"), undefined);
    assert.equal(secretValueProblem("LOG_LEVEL", "debug"), undefined);
    assert.ok(!holdsReference("{env:}"), "an empty variable name is no reference");
    assert.ok(!holdsReference("{env:1X}"));
    assert.ok(!holdsReference("{file:}"));
  });

  it("references replace the secret, keeping an auth scheme word", () => {
    assert.equal(referenceFor("ghp_abc", { env: "GH_TOKEN" }), "{env:GH_TOKEN}");
    assert.equal(referenceFor("Bearer ghp_abc", { env: "GH_TOKEN" }), "Bearer {env:GH_TOKEN}");
    assert.equal(referenceFor("sekrit", { file: "/home/u/.gh" }), "{file:/home/u/.gh}");
    assert.equal(suggestedEnvName("github", "Authorization"), "GITHUB_TOKEN");
    assert.equal(suggestedEnvName("github", "GITHUB_TOKEN"), "GITHUB_TOKEN");
    assert.equal(suggestedEnvName("my-srv", "api.key"), "MY_SRV_API_KEY");
    assert.equal(suggestedEnvName("2fa", "key"), "MCP_2FA_KEY");
    assert.equal(envNameProblem("GH_TOKEN"), undefined);
    assert.match(envNameProblem("1GH")!, /letters, digits/);
    assert.match(envNameProblem("GH-TOKEN")!, /letters, digits/);
  });

  it("entries: checked as opencode.mcp checks them; a raw secret is refused, never written", () => {
    assert.deepEqual(mcpEntry("fs", { type: "local", command: ["npx", "srv"], environment: {} }), { type: "local", command: ["npx", "srv"] });
    assert.deepEqual(mcpEntry("gh", { type: "remote", url: "https://api.example.com/mcp", headers: { Authorization: "Bearer {env:GH_TOKEN}" } }),
      { type: "remote", url: "https://api.example.com/mcp", headers: { Authorization: "Bearer {env:GH_TOKEN}" } });
    assert.deepEqual(mcpEntry("e", { type: "local", command: ["srv"], environment: { LOG_LEVEL: "debug", API_KEY: "{env:E_KEY}" } }).type, "local");
    assert.throws(() => mcpEntry("e", { type: "local", command: ["srv"], environment: { API_KEY: "abc123" } }), /API_KEY" looks like a secret/);
    assert.throws(() => mcpEntry("gh", { type: "remote", url: "https://x.example.com", headers: { Authorization: "Bearer abc" } }), /Authorization" looks like a secret/);
    assert.throws(() => mcpEntry("e", { type: "local", command: [], environment: {} }), /Enter the command/);
    assert.throws(() => mcpEntry("e", { type: "local", command: ["  "], environment: {} }), /Enter the command/);
    assert.throws(() => mcpEntry("e", { type: "remote", url: "file:///etc/passwd", headers: {} }), /http:\/\/ or https:\/\//);
    assert.throws(() => mcpEntry("bad name", { type: "local", command: ["srv"], environment: {} }), /letters, digits/);
  });
});

describe("opencode.mcp keys opencode 1.18.33 takes besides type, command/url, environment/headers, enabled", () => {
  it("keeps cwd, timeout and oauth as written, and refuses them mistyped", () => {
    const local = { type: "local", command: ["node", "s.js"], cwd: "/srv", timeout: 20000 };
    const remote = { type: "remote", url: "https://x.example.com/mcp", oauth: { clientId: "abc", scope: "read", callbackPort: 19877 }, timeout: 5000 };
    const noOauth = { type: "remote", url: "https://y.example.com/mcp", oauth: false };
    assert.deepEqual(checkMcp({ local, remote, noOauth }, "mcp"), { value: { local, remote, noOauth } });
    const bad = checkMcp({ t: { ...local, timeout: -1 }, o: { ...noOauth, oauth: true } }, "mcp");
    assert.deepEqual(bad.value, {});
    assert.match(bad.problem!, /opencode\.mcp\.t: timeout .*; opencode\.mcp\.o: oauth/);
  });
});

describe("GET /mcp decoding", () => {
  it("keeps known statuses, keeps an unknown one by its name, drops what is no status", () => {
    const decoded = decodeMcpStatusMap({
      a: { status: "connected" }, b: { status: "failed", error: "MCP error -32000: Connection closed" }, c: { status: "disabled" },
      d: { status: "needs_auth" }, e: { status: "needs_client_registration", error: "no client id" },
      f: { status: "rate_limited", error: "slow down", extra: 1 }, g: "connected", h: { nope: true },
    });
    assert.deepEqual(decoded, {
      a: { status: "connected" }, b: { status: "failed", error: "MCP error -32000: Connection closed" }, c: { status: "disabled" },
      d: { status: "needs_auth" }, e: { status: "needs_client_registration", error: "no client id" },
      f: { status: "unknown", raw: "rate_limited", error: "slow down" },
    });
    assert.deepEqual(decodeMcpStatusMap([]), {});
    assert.deepEqual(decodeMcpStatusMap(null), {});
  });
});
