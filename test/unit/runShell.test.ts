// Which shell a run's bash asks would run in, as opencode 1.18.33 picks it, and whether the run may
// answer them: only for the POSIX shells whose parsing literalShell.ts models.
import * as assert from "node:assert/strict";
import { runShell } from "../../src/runs/engine/runShell";

describe("run shell (which shell opencode runs a run's commands with)", () => {
  it("takes the basename of SHELL from the server's environment", () => {
    assert.deepEqual(runShell({ config: {}, envShell: "/usr/bin/zsh" }), { posix: true, name: "zsh" });
    assert.deepEqual(runShell({ config: {}, envShell: "/bin/ksh" }), { posix: true, name: "ksh" });
    assert.deepEqual(runShell({ config: {}, envShell: "/bin/sh" }), { posix: true, name: "sh" });
  });

  it("prefers the `shell` key of opencode's config over SHELL, as opencode does", () => {
    assert.deepEqual(runShell({ config: { shell: "/usr/bin/dash" }, envShell: "/usr/bin/pwsh" }), { posix: true, name: "dash" });
    const pwsh = runShell({ config: { shell: "pwsh" }, envShell: "/bin/bash" });
    assert.equal(pwsh.posix, false);
    if (!pwsh.posix) assert.match(pwsh.why, /pwsh.*config/);
  });

  it("an unset or empty SHELL is opencode's fallback: bash on PATH, else /bin/sh", () => {
    for (const envShell of [undefined, ""]) {
      const s = runShell({ config: {}, envShell });
      assert.equal(s.posix, true);
      if (s.posix) assert.match(s.name, /bash|sh/);
    }
  });

  it("no other shell is modelled: PowerShell, fish, nu, cmd, a renamed bash", () => {
    for (const envShell of ["/usr/bin/pwsh", "/opt/microsoft/powershell/7/pwsh", "powershell", "/usr/bin/fish", "/usr/bin/nu", "cmd.exe", "/usr/local/bin/bash5", "/usr/bin/mksh"]) {
      const s = runShell({ config: {}, envShell });
      assert.equal(s.posix, false, envShell);
      if (!s.posix) assert.match(s.why, /bash asks go to the user/);
    }
  });

  it("is careful when it cannot tell: an unreadable config, a `shell` that is not a string, an attached server", () => {
    for (const s of [runShell({ config: undefined, envShell: "/bin/bash" }), runShell({ config: { shell: 3 }, envShell: "/bin/bash" }), runShell({ attached: true })]) {
      assert.equal(s.posix, false);
    }
    const attached = runShell({ attached: true });
    assert.ok(!attached.posix && attached.attached);
  });
});
