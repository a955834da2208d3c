import type { PanelInfo } from "../src/shared/messages";

/** Renders with textContent only: nothing here ever becomes HTML. */
export function renderSnapshot(root: HTMLElement, s: PanelInfo): void {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string) => {
    const e = document.createElement(tag);
    e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const children: HTMLElement[] = [];
  if (s.banner) {
    const banner = el("div", "banner", s.banner);
    banner.setAttribute("role", "status");
    children.push(banner);
  }
  children.push(el("h2", "title", "opencode"));
  if (s.folders.length === 0) {
    children.push(el("p", "empty", "Open a folder to start a conversation with opencode."));
  } else {
    const list = el("ul", "folders");
    list.setAttribute("aria-label", "Workspace folders");
    for (const f of s.folders) {
      const item = el("li", "folder", f.name);
      item.title = f.path;
      list.append(item);
    }
    children.push(el("p", "hint", "Conversations run on a local opencode server per folder:"), list);
  }
  root.replaceChildren(...children);
}
