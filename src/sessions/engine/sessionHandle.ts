// The handle that names one session of one folder outside VS Code (a note, a chat message, another
// window): `<folder path>#<session id>`. Session ids cannot hold `#`, so the last one splits it.

/** opencode's session ids: `ses_` then the webview id charset (letters, digits, `_`, `-`). */
const sessionId = /^ses_[A-Za-z0-9_-]{1,196}$/;

export type ParsedHandle = { sessionID: string; folderPath?: string };

export function sessionHandle(folderPath: string, sessionID: string): string {
  return `${folderPath}#${sessionID}`;
}

/** A bare id or a handle; a string that is neither says why, for the input box. */
export function parseSessionHandle(input: string): ParsedHandle | { error: string } {
  const text = input.trim();
  const at = text.lastIndexOf("#");
  const id = at < 0 ? text : text.slice(at + 1);
  const folderPath = at < 0 ? undefined : text.slice(0, at).trim();
  if (!sessionId.test(id)) return { error: "A session id starts with ses_ and holds only letters, digits, _ and - (a handle is <folder path>#<session id>)." };
  if (folderPath !== undefined && !folderPath) return { error: "The handle names no folder before #." };
  return folderPath ? { sessionID: id, folderPath } : { sessionID: id };
}
