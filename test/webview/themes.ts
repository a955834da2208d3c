// A few of the CSS variables VS Code injects into webviews, with the values of its default Dark
// Modern, Light Modern and High Contrast themes: enough to see the panel the way users will.
export type ThemeName = "dark" | "light" | "high-contrast";

export const themes: Record<ThemeName, Record<string, string>> = {
  dark: {
    "--vscode-foreground": "#cccccc", "--vscode-descriptionForeground": "#9d9d9d", "--vscode-sideBar-background": "#181818",
    "--vscode-editor-background": "#1f1f1f", "--vscode-focusBorder": "#0078d4", "--vscode-editorInfo-foreground": "#3794ff",
    "--vscode-textBlockQuote-background": "#2b2b2b", "--vscode-font-family": "system-ui, 'DejaVu Sans', sans-serif", "--vscode-font-size": "13px",
  },
  light: {
    "--vscode-foreground": "#3b3b3b", "--vscode-descriptionForeground": "#717171", "--vscode-sideBar-background": "#f8f8f8",
    "--vscode-editor-background": "#ffffff", "--vscode-focusBorder": "#005fb8", "--vscode-editorInfo-foreground": "#1a85ff",
    "--vscode-textBlockQuote-background": "#f8f8f8", "--vscode-font-family": "system-ui, 'DejaVu Sans', sans-serif", "--vscode-font-size": "13px",
  },
  "high-contrast": {
    "--vscode-foreground": "#ffffff", "--vscode-descriptionForeground": "#ffffff", "--vscode-sideBar-background": "#000000",
    "--vscode-editor-background": "#000000", "--vscode-focusBorder": "#f38518", "--vscode-editorInfo-foreground": "#3794ff",
    "--vscode-textBlockQuote-background": "#000000", "--vscode-font-family": "system-ui, 'DejaVu Sans', sans-serif", "--vscode-font-size": "13px",
  },
};
