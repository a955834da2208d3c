// The CSS variables VS Code injects into webviews that media/chat.css uses, with the values of its
// default Dark Modern, Light Modern and High Contrast themes: enough to see the panel the way users will.
export type ThemeName = "dark" | "light" | "high-contrast";

const fonts = {
  "--vscode-font-family": "system-ui, 'DejaVu Sans', sans-serif", "--vscode-font-size": "13px",
  "--vscode-editor-font-family": "'DejaVu Sans Mono', monospace", "--vscode-editor-font-size": "12px",
};

export const themes: Record<ThemeName, Record<string, string>> = {
  dark: {
    ...fonts,
    "--vscode-foreground": "#cccccc", "--vscode-descriptionForeground": "#9d9d9d", "--vscode-sideBar-background": "#181818",
    "--vscode-editor-background": "#1f1f1f", "--vscode-focusBorder": "#0078d4", "--vscode-editorInfo-foreground": "#3794ff",
    "--vscode-textBlockQuote-background": "#2b2b2b", "--vscode-textBlockQuote-border": "#616161",
    "--vscode-button-background": "#0078d4", "--vscode-button-foreground": "#ffffff", "--vscode-button-hoverBackground": "#026ec1",
    "--vscode-button-secondaryBackground": "#313131", "--vscode-button-secondaryForeground": "#cccccc", "--vscode-button-secondaryHoverBackground": "#3c3c3c",
    "--vscode-button-border": "#ffffff12", "--vscode-toolbar-hoverBackground": "#5a5d5e50",
    "--vscode-input-background": "#313131", "--vscode-input-foreground": "#cccccc", "--vscode-input-border": "#3c3c3c", "--vscode-input-placeholderForeground": "#989898",
    "--vscode-textLink-foreground": "#4daafc", "--vscode-textLink-activeForeground": "#4daafc", "--vscode-errorForeground": "#f85149",
    "--vscode-inputValidation-errorBackground": "#5a1d1d", "--vscode-inputValidation-errorBorder": "#be1100", "--vscode-editorWarning-foreground": "#cca700",
    "--vscode-testing-iconPassed": "#73c991", "--vscode-progressBar-background": "#0078d4", "--vscode-textCodeBlock-background": "#2b2b2b",
    "--vscode-widget-border": "#313131", "--vscode-widget-shadow": "#0000005c", "--vscode-sideBarSectionHeader-border": "#2b2b2b",
    "--vscode-badge-background": "#616161", "--vscode-badge-foreground": "#f8f8f8",
    "--vscode-gitDecoration-addedResourceForeground": "#81b88b", "--vscode-gitDecoration-deletedResourceForeground": "#c74e39",
  },
  light: {
    ...fonts,
    "--vscode-foreground": "#3b3b3b", "--vscode-descriptionForeground": "#717171", "--vscode-sideBar-background": "#f8f8f8",
    "--vscode-editor-background": "#ffffff", "--vscode-focusBorder": "#005fb8", "--vscode-editorInfo-foreground": "#1a85ff",
    "--vscode-textBlockQuote-background": "#f8f8f8", "--vscode-textBlockQuote-border": "#e5e5e5",
    "--vscode-button-background": "#005fb8", "--vscode-button-foreground": "#ffffff", "--vscode-button-hoverBackground": "#0258a8",
    "--vscode-button-secondaryBackground": "#e5e5e5", "--vscode-button-secondaryForeground": "#3b3b3b", "--vscode-button-secondaryHoverBackground": "#cccccc",
    "--vscode-button-border": "#0000001a", "--vscode-toolbar-hoverBackground": "#b8b8b850",
    "--vscode-input-background": "#ffffff", "--vscode-input-foreground": "#3b3b3b", "--vscode-input-border": "#cecece", "--vscode-input-placeholderForeground": "#767676",
    "--vscode-textLink-foreground": "#005fb8", "--vscode-textLink-activeForeground": "#005fb8", "--vscode-errorForeground": "#a1260d",
    "--vscode-inputValidation-errorBackground": "#f2dede", "--vscode-inputValidation-errorBorder": "#be1100", "--vscode-editorWarning-foreground": "#bf8803",
    "--vscode-testing-iconPassed": "#388a34", "--vscode-progressBar-background": "#005fb8", "--vscode-textCodeBlock-background": "#f0f0f0",
    "--vscode-widget-border": "#e5e5e5", "--vscode-widget-shadow": "#00000029", "--vscode-sideBarSectionHeader-border": "#e5e5e5",
    "--vscode-badge-background": "#cccccc", "--vscode-badge-foreground": "#3b3b3b",
    "--vscode-gitDecoration-addedResourceForeground": "#587c0c", "--vscode-gitDecoration-deletedResourceForeground": "#ad0707",
  },
  "high-contrast": {
    ...fonts,
    "--vscode-foreground": "#ffffff", "--vscode-descriptionForeground": "#ffffff", "--vscode-sideBar-background": "#000000",
    "--vscode-editor-background": "#000000", "--vscode-focusBorder": "#f38518", "--vscode-editorInfo-foreground": "#3794ff",
    "--vscode-textBlockQuote-background": "#000000", "--vscode-textBlockQuote-border": "#ffffff",
    "--vscode-contrastBorder": "#6fc3df", "--vscode-contrastActiveBorder": "#f38518",
    "--vscode-button-background": "#000000", "--vscode-button-foreground": "#ffffff", "--vscode-button-border": "#6fc3df",
    "--vscode-button-secondaryBackground": "#000000", "--vscode-button-secondaryForeground": "#ffffff",
    "--vscode-input-background": "#000000", "--vscode-input-foreground": "#ffffff", "--vscode-input-border": "#6fc3df", "--vscode-input-placeholderForeground": "#ffffffb3",
    "--vscode-textLink-foreground": "#21a6ff", "--vscode-textLink-activeForeground": "#21a6ff", "--vscode-errorForeground": "#f48771",
    "--vscode-inputValidation-errorBackground": "#000000", "--vscode-inputValidation-errorBorder": "#f48771", "--vscode-editorWarning-foreground": "#ffd370",
    "--vscode-testing-iconPassed": "#73c991", "--vscode-progressBar-background": "#6fc3df", "--vscode-textCodeBlock-background": "#000000",
    "--vscode-widget-border": "#6fc3df", "--vscode-badge-background": "#000000", "--vscode-badge-foreground": "#ffffff",
    "--vscode-gitDecoration-addedResourceForeground": "#a1e3ad", "--vscode-gitDecoration-deletedResourceForeground": "#c74e39",
  },
};
