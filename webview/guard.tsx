// An error boundary around each rendered part of a message, and around each row. Preact leaves a
// tree half-diffed when a render throws with no boundary above it: after one bad part (a parser
// that overflowed its stack, a tool input of a shape no card expects) no message rendered, and
// later `state` messages failed too until the webview reloaded. A boundary keeps the failure to the
// one part, which shows its content as plain escaped text instead.
import { Component, type ComponentChildren } from "preact";

type Props = {
  /** The plain-text stand-in, built only once the children failed (it must not throw itself). */
  fallback: () => string;
  /** Changes when the content changes (the message's version): a new version is tried again. */
  retry: unknown;
  /** Names the part in the console message. */
  what: string;
  children: ComponentChildren;
};

/** `failedAt`: the `retry` value the children threw at; none while they render. */
export class Guard extends Component<Props, { failedAt?: { at: unknown } }> {
  override componentDidCatch(error: unknown): void {
    console.error(`opencode: could not render ${this.props.what}; shown as plain text`, error);
    this.setState({ failedAt: { at: this.props.retry } });
  }

  override render(): ComponentChildren {
    const failed = this.state.failedAt;
    if (!failed || failed.at !== this.props.retry) return this.props.children;
    let text: string;
    try { text = this.props.fallback(); } catch { text = `[${this.props.what}]`; }
    return <pre class="part-fallback">{text}</pre>;
  }
}

/** A value's text for a fallback: strings as they are, the rest as JSON, cut to a readable length. */
export function plainText(v: unknown, max = 8000): string {
  let s: string;
  try { s = typeof v === "string" ? v : JSON.stringify(v, null, 2) ?? String(v); } catch { s = String(v); }
  return s.length > max ? `${s.slice(0, max)}\n… (${s.length - max} more characters)` : s;
}
