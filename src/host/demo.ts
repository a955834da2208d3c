/**
 * `npm start` on a machine with no model provider runs a scripted local model and tells the
 * extension through this variable, so the UI can say that the replies are not from a real model.
 */
export function demoBanner(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.OPENCODE_VSCODE_DEMO_MODEL_URL
    ? "Demo mode: no model provider is configured, so replies come from a scripted local model. Run `opencode auth login` to use a real one."
    : undefined;
}
