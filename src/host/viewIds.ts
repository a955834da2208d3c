// The ids package.json contributes for the views and the chat editor panel. No imports, so the
// activation bundle can name them without loading the chat module.

/** The chat webview view in the opencode activity bar container. */
export const chatViewId = "opencode.chat";
/** The chat editor panels' view type; `onWebviewPanel:` of it restores them after a reload. */
export const chatPanelType = "opencode.chatPanel";
/** The runs tree view. */
export const runsViewId = "opencode.runs";
/** The MCP servers tree view. */
export const mcpViewId = "opencode.mcp";
/** The sessions tree view. */
export const sessionsViewId = "opencode.sessions";
