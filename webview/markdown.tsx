// Assistant text. For now plain text (pre-wrap) with file paths and URLs as links; the markdown
// pipeline (marked + DOMPurify) replaces the inside of this component and keeps its props.
import type { JSX } from "preact";
import { Linkified } from "./linkify";

export type MarkdownProps = {
  text: string;
  /** True while the text still grows: an open code fence or list must not be "fixed" yet. */
  streaming: boolean;
};

export function Markdown({ text, streaming }: MarkdownProps): JSX.Element {
  return <div class={streaming ? "markdown plain streaming" : "markdown plain"}><Linkified text={text} /></div>;
}
