// What to tell a user whose opencode is outside the supported range. Pure wording.
import { isNextMajor, minimumVersion, supportedRange, testedVersion } from "./version";

/** Installs the tested version for the whole machine (what "Install opencode" runs). */
export const installCommand = `npm install -g opencode-ai@${testedVersion}`;
/**
 * Installs the tested 1.x beside an opencode 2.x, leaving the global 2.x alone; `opencode.path` then
 * names the executable it puts in `besidePath` (the setting expands `~`).
 */
export const installBesideCommand = `npm install --prefix ~/.opencode-1 opencode-ai@${testedVersion}`;
export const besidePath = (platform: NodeJS.Platform = process.platform): string =>
  platform === "win32" ? "~\\.opencode-1\\node_modules\\.bin\\opencode.cmd" : "~/.opencode-1/node_modules/.bin/opencode";

/** Pure: why `version` is refused and what to do, for a binary at `where` (its path and how it was found). */
export function unsupportedBinaryText(version: string, where: string, platform: NodeJS.Platform = process.platform): string {
  if (isNextMajor(version)) {
    return `${where} is opencode ${version}, and opencode 2.x is not supported yet: this extension needs ${supportedRange}. ` +
      `Keep 2.x and install 1.x next to it with \`${installBesideCommand}\`, then set opencode.path to ${besidePath(platform)}.`;
  }
  return `${where} is opencode ${version}, which is too old: this extension needs ${supportedRange}. ` +
    `Update it with \`${installCommand}\`, or set opencode.path to an opencode 1.x of ${minimumVersion} or later.`;
}

/** Pure: why the server at opencode.serverUrl is refused, given the version its health check reported. */
export function unsupportedServerText(version: string, url: string): string {
  const why = isNextMajor(version) ? "opencode 2.x is not supported yet" : "that is too old";
  return `The server at opencode.serverUrl (${url}) runs opencode ${version}, and ${why}: this extension needs ${supportedRange}. ` +
    `Run \`opencode serve\` of such a version there (\`${installCommand}\`), or clear opencode.serverUrl to let the extension start its own.`;
}

/** Pure: the server at opencode.serverUrl did not answer its health check as opencode 1.x does. */
export function notOpencode1Text(url: string, answered: string): string {
  return `The server at opencode.serverUrl (${url}) is not opencode 1.x (perhaps opencode 2.x, not supported yet): GET /global/health answered ${answered}. ` +
    `Point opencode.serverUrl at an \`opencode serve\` of ${supportedRange}, or clear it to let the extension start its own.`;
}
