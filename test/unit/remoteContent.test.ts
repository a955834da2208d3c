import * as assert from "node:assert/strict";
import { remoteHosts } from "../../src/runs/engine/remoteContent";

describe("remote content in a markdown deliverable", () => {
  it("finds every way markdown or HTML makes the preview fetch by itself", () => {
    const cases: [string, string[]][] = [
      ["![x](https://a.example/p.png?d=secret)", ["a.example"]],
      ['![x](<https://b.example/p q.png> "t")', ["b.example"]],
      ["![x][r]\n\n[r]: https://c.example/i.png", ["c.example"]],
      ['<img src="https://d.example/i.png">', ["d.example"]],
      ["<img src=https://e.example/i.png>", ["e.example"]],
      ['<img srcset="/local.png 1x, https://f.example/2x.png 2x">', ["f.example"]],
      ['<video poster="//g.example/p.png"></video>', ["g.example"]],
      ['<link rel="stylesheet" href="http://h.example:8080/s.css">', ["h.example:8080"]],
      ['<div style="background:url(https://i.example/b.png)"></div>', ["i.example"]],
      ["<object data='https://j.example/o.svg'></object>", ["j.example"]],
      ['<img src="https://k.example/a.png?x=1&amp;y=2">', ["k.example"]],
    ];
    for (const [md, hosts] of cases) assert.deepEqual(remoteHosts(md), hosts, md);
  });

  it("leaves out links, relative and local resources", () => {
    for (const md of ["[a link](https://a.example/)", "![local](images/p.png)", "![data](data:image/png;base64,AAAA)", "<https://auto.example/>",
      '<img src="./p.png">', "plain https://a.example/ text", "![f](file:///etc/passwd)"]) {
      assert.deepEqual(remoteHosts(md), [], md);
    }
  });

  it("names each host once", () => {
    assert.deepEqual(remoteHosts("![a](https://x.example/1) ![b](https://x.example/2) ![c](https://y.example/3)"), ["x.example", "y.example"]);
  });
});
