// A few of the CSS variables VS Code injects into webviews, with the values of its default Dark
// Modern, Light Modern and High Contrast themes: enough to see the panel the way users will.
// The markdown ones (links, code, debug-hover token colours, symbol icons) are what media/markdown.css uses.
export type ThemeName = "dark" | "light" | "high-contrast";

export const themes: Record<ThemeName, Record<string, string>> = {
  dark: {
    "--vscode-foreground": "#cccccc", "--vscode-descriptionForeground": "#9d9d9d", "--vscode-sideBar-background": "#181818",
    "--vscode-editor-background": "#1f1f1f", "--vscode-focusBorder": "#0078d4", "--vscode-editorInfo-foreground": "#3794ff",
    "--vscode-textBlockQuote-background": "#2b2b2b", "--vscode-font-family": "system-ui, 'DejaVu Sans', sans-serif", "--vscode-font-size": "13px",
    "--vscode-editor-foreground": "#cccccc", "--vscode-editor-font-family": "'DejaVu Sans Mono', monospace", "--vscode-textLink-foreground": "#4daafc",
    "--vscode-textLink-activeForeground": "#4daafc", "--vscode-textPreformat-foreground": "#d0d0d0", "--vscode-textPreformat-background": "#3c3c3c",
    "--vscode-textCodeBlock-background": "#2b2b2b", "--vscode-textBlockQuote-border": "#616161", "--vscode-panel-border": "#2b2b2b",
    "--vscode-button-secondaryBackground": "#313131", "--vscode-button-secondaryForeground": "#cccccc", "--vscode-button-border": "#ffffff12",
    "--vscode-debugTokenExpression-name": "#c586c0", "--vscode-debugTokenExpression-string": "#ce9178", "--vscode-debugTokenExpression-boolean": "#4e94ce",
    "--vscode-debugTokenExpression-number": "#b5cea8", "--vscode-debugTokenExpression-error": "#f48771", "--vscode-symbolIcon-functionForeground": "#b180d7",
    "--vscode-symbolIcon-classForeground": "#ee9d28", "--vscode-symbolIcon-variableForeground": "#75beff",
  },
  light: {
    "--vscode-foreground": "#3b3b3b", "--vscode-descriptionForeground": "#717171", "--vscode-sideBar-background": "#f8f8f8",
    "--vscode-editor-background": "#ffffff", "--vscode-focusBorder": "#005fb8", "--vscode-editorInfo-foreground": "#1a85ff",
    "--vscode-textBlockQuote-background": "#f8f8f8", "--vscode-font-family": "system-ui, 'DejaVu Sans', sans-serif", "--vscode-font-size": "13px",
    "--vscode-editor-foreground": "#3b3b3b", "--vscode-editor-font-family": "'DejaVu Sans Mono', monospace", "--vscode-textLink-foreground": "#005fb8",
    "--vscode-textLink-activeForeground": "#005fb8", "--vscode-textPreformat-foreground": "#3b3b3b", "--vscode-textPreformat-background": "#0000001f",
    "--vscode-textCodeBlock-background": "#dcdcdc66", "--vscode-textBlockQuote-border": "#e5e5e5", "--vscode-panel-border": "#e5e5e5",
    "--vscode-button-secondaryBackground": "#e5e5e5", "--vscode-button-secondaryForeground": "#3b3b3b", "--vscode-button-border": "#0000001a",
    "--vscode-debugTokenExpression-name": "#9b46b0", "--vscode-debugTokenExpression-string": "#a31515", "--vscode-debugTokenExpression-boolean": "#0000ff",
    "--vscode-debugTokenExpression-number": "#098658", "--vscode-debugTokenExpression-error": "#e51400", "--vscode-symbolIcon-functionForeground": "#652d90",
    "--vscode-symbolIcon-classForeground": "#d67e00", "--vscode-symbolIcon-variableForeground": "#007acc",
  },
  "high-contrast": {
    "--vscode-foreground": "#ffffff", "--vscode-descriptionForeground": "#ffffff", "--vscode-sideBar-background": "#000000",
    "--vscode-editor-background": "#000000", "--vscode-focusBorder": "#f38518", "--vscode-editorInfo-foreground": "#3794ff",
    "--vscode-textBlockQuote-background": "#000000", "--vscode-font-family": "system-ui, 'DejaVu Sans', sans-serif", "--vscode-font-size": "13px",
    "--vscode-editor-foreground": "#ffffff", "--vscode-editor-font-family": "'DejaVu Sans Mono', monospace", "--vscode-textLink-foreground": "#21a6ff",
    "--vscode-textLink-activeForeground": "#21a6ff", "--vscode-textPreformat-foreground": "#ffffff", "--vscode-textPreformat-background": "#000000",
    "--vscode-textCodeBlock-background": "#000000", "--vscode-textBlockQuote-border": "#ffffff", "--vscode-panel-border": "#6fc3df",
    "--vscode-contrastBorder": "#6fc3df", "--vscode-button-secondaryForeground": "#ffffff", "--vscode-button-border": "#6fc3df",
    "--vscode-debugTokenExpression-name": "#ffffff", "--vscode-debugTokenExpression-string": "#f48771", "--vscode-debugTokenExpression-boolean": "#75bdfe",
    "--vscode-debugTokenExpression-number": "#89d185", "--vscode-debugTokenExpression-error": "#f48771", "--vscode-symbolIcon-functionForeground": "#b180d7",
    "--vscode-symbolIcon-classForeground": "#ee9d28", "--vscode-symbolIcon-variableForeground": "#75beff",
  },
};
