// One hermetic opencode set-up for the whole trusted suite, in place before any test can open the
// chat (opening a chat starts its folder's server). Required by each test file; the root-level
// `after` registers once, when mocha loads the first file that requires this module.
import { hermeticOpencode } from "../hermetic";

let shared: ReturnType<typeof hermeticOpencode> | undefined;
export const sharedHermetic = (): ReturnType<typeof hermeticOpencode> => (shared ??= hermeticOpencode());

after(async () => { await (await shared)?.dispose(); });
