// What goes out with the next prompt besides its text: @-mentioned workspace files (recorded when a
// completion is accepted) and pasted or dropped images, read here as data: URLs (the CSP allows
// img-src data:). The host turns both into opencode file parts.
import type { JSX } from "preact";
import { signal } from "@preact/signals";

export type ImageAttachment = { mime: "image/png" | "image/jpeg" | "image/gif" | "image/webp"; dataUrl: string; filename?: string };

const mimes: readonly string[] = ["image/png", "image/jpeg", "image/gif", "image/webp"];
const maxBytes = 5 * 1024 * 1024;
const maxImages = 10;

/** Workspace-relative paths of accepted `@` completions, in the order they were mentioned. */
export const files = signal<string[]>([]);
export const images = signal<ImageAttachment[]>([]);
/** Why the last paste or drop attached less than it was given; cleared by the next one and by send. */
export const note = signal("");

export function addFile(path: string): void {
  if (!files.peek().includes(path)) files.value = [...files.peek(), path];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `@path` still in the text as a whole word (sentence punctuation may follow it). */
function mentioned(text: string, path: string): boolean {
  return new RegExp(`(^|\\s)@${escape(path)}(?=$|[\\s,;:!?)\\]}'"]|\\.(?:\\s|$))`).test(text);
}

/** The attachments to post with `text`, and the chips cleared. Files whose mention was deleted are dropped. */
export function takeAttachments(text: string): { files?: { path: string }[]; images?: ImageAttachment[] } {
  const f = files.peek().filter(p => mentioned(text, p)).map(path => ({ path }));
  const i = images.peek();
  files.value = [];
  images.value = [];
  note.value = "";
  return { ...(f.length ? { files: f } : {}), ...(i.length ? { images: i } : {}) };
}

function read(file: File): Promise<string> {
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(String(r.result));
    r.onerror = () => fail(r.error ?? new Error("could not read the image"));
    r.readAsDataURL(file);
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Attaches the images among `list` (a paste's or a drop's files); everything refused is said in
 * the note. `how` words the note for a file that is no image.
 */
export async function addImages(list: File[], how: "paste" | "drop"): Promise<void> {
  const notes: string[] = [];
  let room = maxImages - images.peek().length;
  const accepted: File[] = [];
  for (const f of list) {
    const name = f.name || "image";
    if (!mimes.includes(f.type)) {
      notes.push(f.type.startsWith("image/")
        ? `${name}: only PNG, JPEG, GIF and WebP images can be attached.`
        : `${name}: only images can be ${how === "drop" ? "dropped" : "pasted"} here. To attach a workspace file, type @ and its name.`);
    } else if (f.size > maxBytes) notes.push(`${name} is ${mb(f.size)}; images are limited to 5 MB.`);
    else if (room <= 0) notes.push(`${name}: at most ${maxImages} images per prompt.`);
    else { accepted.push(f); room--; }
  }
  note.value = notes.join(" ");
  for (const f of accepted) {
    try {
      const dataUrl = await read(f);
      if (images.peek().length >= maxImages) break;
      images.value = [...images.peek(), { mime: f.type as ImageAttachment["mime"], dataUrl, ...(f.name ? { filename: f.name.slice(0, 200) } : {}) }];
    } catch (err) {
      note.value = `${note.peek()} ${f.name || "image"}: ${(err as Error).message}`.trim();
    }
  }
}

const base = (p: string) => p.slice(p.lastIndexOf("/") + 1) || p;

/** The chips under the prompt, each with a remove button, and the note. */
export function Attachments(): JSX.Element | null {
  const f = files.value;
  const i = images.value;
  const n = note.value;
  if (!f.length && !i.length && !n) return null;
  return (
    <div class="attachments-area">
      {(f.length > 0 || i.length > 0) && (
        <ul class="attachments" aria-label="Attachments">
          {f.map(p => (
            <li key={`f:${p}`} class="attachment attachment-file" title={p}>
              <span class="attachment-at" aria-hidden="true">@</span>
              <span class="attachment-name">{base(p)}</span>
              <button type="button" class="remove" aria-label={`Remove ${p}`} title="Remove"
                onClick={() => { files.value = files.peek().filter(x => x !== p); }}>×</button>
            </li>
          ))}
          {i.map((img, k) => (
            <li key={`i:${k}:${img.dataUrl.length}`} class="attachment attachment-image" title={img.filename ?? `Image ${k + 1}`}>
              <img src={img.dataUrl} alt={img.filename ?? `Image ${k + 1}`} />
              <button type="button" class="remove" aria-label={`Remove image ${img.filename ?? k + 1}`} title="Remove"
                onClick={() => { images.value = images.peek().filter(x => x !== img); }}>×</button>
            </li>
          ))}
        </ul>
      )}
      {n && <div class="composer-note" role="alert">{n}</div>}
    </div>
  );
}
