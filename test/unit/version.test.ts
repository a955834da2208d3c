// The supported opencode range: what `--version` output parses to, where each version stands, and
// what the user is told to do about one outside the range.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../paths";
import { expandHome } from "../../src/server/binary";
import { compareVersions, isNextMajor, minimumVersion, parseVersion, supportOf, testedVersion, type Support } from "../../src/server/version";
import { notOpencode1Text, unsupportedBinaryText, unsupportedServerText } from "../../src/server/versionAdvice";

const support = (text: string): Support => supportOf(parseVersion(text)!);

describe("opencode versions (parse, range, advice)", () => {
  it("parses what 1.x and 2.x print, with or without 'v', after a notice line", () => {
    assert.deepEqual(parseVersion("1.18.33\n"), { text: "1.18.33", major: 1, minor: 18, patch: 33 });
    assert.deepEqual(parseVersion("opencode v2.0.1"), { text: "2.0.1", major: 2, minor: 0, patch: 1 });
    assert.deepEqual(parseVersion("v1.17.19"), { text: "1.17.19", major: 1, minor: 17, patch: 19 });
    assert.equal(parseVersion("Update available: 1.19.0\r\n1.18.33\r\n")?.text, "1.18.33");
    assert.equal(parseVersion("1.19.0-beta.2")?.text, "1.19.0-beta.2");
  });

  it("the tested version is the pinned opencode-ai devDependency the real tier runs", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    assert.equal(pkg.devDependencies["opencode-ai"], testedVersion);
  });

  it("garbage is no version", () => {
    for (const out of ["", "hello", "Python 3.11.2", "1.18", "1.18.33 extra", "v", "opencode", "1.x.3", "01.2.3.4"]) {
      assert.equal(parseVersion(out), undefined, JSON.stringify(out));
    }
  });

  it("compares by number, not as text", () => {
    assert.ok(compareVersions(parseVersion("1.9.0")!, parseVersion("1.17.19")!) < 0);
    assert.ok(compareVersions(parseVersion("1.18.100")!, parseVersion("1.18.33")!) > 0);
    assert.equal(compareVersions(parseVersion("v1.18.33")!, parseVersion("1.18.33")!), 0);
  });

  it("the range is >=1.17.0 <2.0.0; above the tested version it is 'newer', which still runs", () => {
    assert.equal(support(minimumVersion), "supported");
    assert.equal(support("1.17.19"), "supported");
    assert.equal(support(testedVersion), "supported");
    assert.equal(support("1.18.34"), "newer");
    assert.equal(support("1.19.0"), "newer");
    assert.equal(support("1.99.99"), "newer");
    for (const old of ["1.16.9", "1.15.13", "1.14.41", "1.3.2", "0.15.31"]) assert.equal(support(old), "tooOld", old);
    for (const next of ["2.0.0", "2.0.0-beta.1", "2.3.1", "10.0.0"]) assert.equal(support(next), "nextMajor", next);
    assert.equal(isNextMajor("2.0.1"), true);
    assert.equal(isNextMajor("1.18.33"), false);
    assert.equal(isNextMajor("garbage"), false);
  });

  it("a too old binary: the text names its version and path, and the pinned install or opencode.path", () => {
    const text = unsupportedBinaryText("1.3.2", "/opt/oc/opencode (opencode.path)", "linux");
    assert.match(text, /\/opt\/oc\/opencode \(opencode\.path\) is opencode 1\.3\.2, which is too old/);
    assert.ok(text.includes("`npm install -g opencode-ai@1.18.33`"), text);
    assert.match(text, /set opencode\.path to an opencode 1\.x of 1\.17\.0 or later/);
  });

  it("a 2.x binary: 'not supported yet', and how to put a 1.x beside it for opencode.path", () => {
    const text = unsupportedBinaryText("2.0.0", "/usr/bin/opencode (PATH)", "linux");
    assert.match(text, /\/usr\/bin\/opencode \(PATH\) is opencode 2\.0\.0, and opencode 2\.x is not supported yet/);
    assert.ok(text.includes("`npm install --prefix ~/.opencode-1 opencode-ai@1.18.33`"), text);
    assert.ok(text.includes("set opencode.path to ~/.opencode-1/node_modules/.bin/opencode"), text);
    assert.doesNotMatch(text, /install -g/, "installing globally would replace the user's 2.x");
  });

  it("an attached server: its version or what it answered instead, and opencode.serverUrl", () => {
    assert.match(unsupportedServerText("1.14.41", "http://127.0.0.1:4096"), /opencode\.serverUrl \(http:\/\/127\.0\.0\.1:4096\) runs opencode 1\.14\.41, and that is too old/);
    assert.match(unsupportedServerText("2.1.0", "http://127.0.0.1:4096"), /runs opencode 2\.1\.0, and opencode 2\.x is not supported yet/);
    assert.match(notOpencode1Text("http://127.0.0.1:4096", "HTTP 200 text/html, not JSON"),
      /is not opencode 1\.x \(perhaps opencode 2\.x, not supported yet\): GET \/global\/health answered HTTP 200 text\/html, not JSON/);
  });

  it("opencode.path: `~` and `~/…` are the home folder; other paths stay as written", () => {
    assert.equal(expandHome("~", "/home/ann", "linux"), "/home/ann");
    assert.equal(expandHome("~/.opencode-1/node_modules/.bin/opencode", "/home/ann", "linux"), "/home/ann/.opencode-1/node_modules/.bin/opencode");
    assert.equal(expandHome("~bob/opencode", "/home/ann", "linux"), "~bob/opencode");
    assert.equal(expandHome("/usr/bin/opencode", "/home/ann", "linux"), "/usr/bin/opencode");
    assert.equal(expandHome("bin/~/opencode", "/home/ann", "linux"), "bin/~/opencode");
    assert.equal(expandHome("~\\oc\\opencode.cmd", "C:\\Users\\ann", "win32"), "C:\\Users\\ann\\oc\\opencode.cmd");
  });
});
