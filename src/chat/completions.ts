import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as vscode from "vscode";
import { z } from "zod";
import { fuzzyRank } from "../common/fuzzy";
import { realPathInside } from "../common/paths";
import type { PromptPartInput } from "../protocol/rest";
import type { FolderSession } from "../conversation/folderSession";

/** How many files a folder's @-completion searches; larger trees match on the first this many. */
const maxFiles = 20_000;
const Command = z.object({ name: z.string(), description: z.string().optional() }).passthrough();
type Completion = { label: string; detail?: string; insert: string };

/**
 * Workspace files for `@` completion, listed once per folder with VS Code's own excludes
 * (files.exclude, and .gitignore where search honours it), then kept current by a watcher.
 */
export class FileIndex implements vscode.Disposable {
  readonly #lists = new Map<string, Promise<string[]>>();
  readonly #watcher = vscode.workspace.createFileSystemWatcher("**/*", false, true, false);

  constructor() {
    // A created or deleted file makes the folder's list stale: listed again on the next completion.
    const drop = (uri: vscode.Uri) => { const f = vscode.workspace.getWorkspaceFolder(uri); if (f) this.#lists.delete(f.uri.toString()); };
    this.#watcher.onDidCreate(drop);
    this.#watcher.onDidDelete(drop);
  }

  async complete(folder: vscode.WorkspaceFolder, query: string, limit = 30): Promise<Completion[]> {
    const key = folder.uri.toString();
    let list = this.#lists.get(key);
    if (!list) {
      list = Promise.resolve(vscode.workspace.findFiles(new vscode.RelativePattern(folder, "**/*"), undefined, maxFiles))
        .then(uris => uris.map(u => path.relative(folder.uri.fsPath, u.fsPath).split(path.sep).join("/")).sort());
      this.#lists.set(key, list);
    }
    return fuzzyRank(query, await list, limit).map(rel => ({ label: path.posix.basename(rel), detail: rel, insert: `@${rel}` }));
  }

  dispose(): void { this.#watcher.dispose(); }
}

export async function completeCommand(session: FolderSession, query: string): Promise<Completion[]> {
  const commands = z.array(Command).parse(await session.client.commands());
  return fuzzyRank(query, commands.map(c => c.name), 30).map(name => {
    const c = commands.find(x => x.name === name)!;
    return { label: `/${name}`, detail: c.description, insert: `/${name} ` };
  });
}

/** `/name args` when `name` is one of the folder's commands. */
export async function asCommand(session: FolderSession, text: string): Promise<{ name: string; args: string } | undefined> {
  const m = /^\/([\w:.-]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  const commands = z.array(Command).parse(await session.client.commands().catch(() => []));
  return commands.some(c => c.name === m[1]) ? { name: m[1], args: m[2] ?? "" } : undefined;
}

/**
 * File parts for @-mentioned paths and pasted images. A path must really stay inside the folder
 * (symlinks followed: opencode reads what the link leads to); one that leaves it is refused, not sent.
 */
export async function attachmentParts(folder: vscode.WorkspaceFolder, files: { path: string }[] = [], images: { mime: string; dataUrl: string; filename?: string }[] = []): Promise<PromptPartInput[]> {
  const parts: PromptPartInput[] = [];
  for (const f of files) {
    const place = await realPathInside(folder.uri.fsPath, f.path);
    if (!place.ok) throw new Error(`not attached: ${place.why.replace(`outside ${folder.uri.fsPath}`, `outside the folder ${folder.name}`)}`);
    // The file checked is the file sent: its real path, under the name the user mentioned.
    const abs = path.resolve(folder.uri.fsPath, f.path);
    parts.push({ type: "file", mime: "text/plain", url: pathToFileURL(place.real).href, filename: path.relative(folder.uri.fsPath, abs).split(path.sep).join("/") });
  }
  images.forEach((img, i) => parts.push({ type: "file", mime: img.mime, url: img.dataUrl, filename: img.filename ?? `image-${i + 1}.${img.mime.split("/")[1]}` }));
  return parts;
}
