/**
 * `npm start` on a machine with no model provider runs a scripted local model and tells the
 * extension through this variable, so the UI can say that the replies are not from a real model.
 */
export function demoBanner(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.OPENCODE_VSCODE_DEMO_MODEL_URL
    ? "Demo mode: replies come from a scripted local model that npm start runs (it found no model provider, or this is its check). Run `opencode auth login` to use a real one."
    : undefined;
}
