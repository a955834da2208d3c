// One hermetic opencode set-up for the whole trusted suite, in place before any test can open the
// chat (opening a chat starts its folder's server). Required by each test file; the root-level
// `after` registers once, when mocha loads the first file that requires this module.
import { hermeticOpencode } from "../hermetic";

let shared: ReturnType<typeof hermeticOpencode> | undefined;

/**
 * The suite's set-up. Each test file asks for it in its `before`: the one fake model then forgets
 * every script and handler of the files before, so no reply of theirs leaks into this file's turns.
 */
export async function sharedHermetic(): Promise<Awaited<ReturnType<typeof hermeticOpencode>>> {
  const env = await (shared ??= hermeticOpencode());
  env.model.reset();
  return env;
}

after(async () => { await (await shared)?.dispose(); });
