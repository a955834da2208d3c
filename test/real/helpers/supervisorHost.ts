// A stand-in extension host for the orphan test: starts a ServerSupervisor (with the watchdog, as
// the extension does), prints the server's pid and URL as JSON, then waits to be killed.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { testSupervisor } from "../../fakes/realOpencode";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-orphan-"));
const folder = path.join(scratch, "ws");
fs.mkdirSync(folder);
const supervisor = testSupervisor(scratch, folder, { autoupdate: false, share: "disabled" }, { watchdogScript: process.argv[2] });
void supervisor.ensureRunning().then(ep => {
  const s = supervisor.state;
  process.stdout.write(JSON.stringify({ pid: s.kind === "running" ? s.pid : 0, url: ep.baseUrl, scratch }) + "\n");
});
setInterval(() => {}, 1 << 30);
