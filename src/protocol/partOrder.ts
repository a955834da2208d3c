// How the reducer keeps a message's parts sorted by id without inserting one at a time.
//
// opencode sends parts in ascending id order, so nearly every new part goes at the end. A part
// that lands far from the end would have to shift every part after it (V8 moves ~10 ns per
// element there, with write barriers): 50,000 parts in descending order took a minute. So a
// message that gets such a part switches to a lazily sorted list: new parts are appended and
// found through an index, and the list is sorted once when someone next reads `parts`. Reading
// is through an own enumerable getter, so structuredClone, JSON.stringify and spreads all see
// (and copy) the sorted array; copies are plain again.
import { locate, ownId, type MessageState, type PartState } from "./state";

/** A part this close to the end is inserted in place: moving a few parts is cheaper than an index. */
const nearEnd = 32;

/** A message's parts whose tail, from `sorted` on, is in arrival order and indexed by id. */
class LazyParts {
  sorted: number;
  readonly tail = new Map<string, number>();
  constructor(public list: PartState[]) { this.sorted = list.length; }

  find(id: string): number {
    const at = locate(this.list, id, ownId, this.sorted);
    return at.found ? at.index : this.tail.get(id) ?? -1;
  }

  append(part: PartState): void {
    this.tail.set(part.id, this.list.length);
    this.list.push(part);
  }

  settle(): PartState[] {
    if (this.tail.size) {
      this.list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.tail.clear();
      this.sorted = this.list.length;
    }
    return this.list;
  }
}

const lazy = new WeakMap<MessageState, LazyParts>();

/** The part of `message` with this id, without sorting anything. */
export function findPart(message: MessageState | undefined, id: string): PartState | undefined {
  if (!message) return undefined;
  const l = lazy.get(message);
  if (l) { const i = l.find(id); return i < 0 ? undefined : l.list[i]; }
  const at = locate(message.parts, id, ownId);
  return at.found ? message.parts[at.index] : undefined;
}

/** Replaces the part with the same id, or adds it in id order. */
export function putPart(message: MessageState, part: PartState): void {
  let l = lazy.get(message);
  if (l) {
    const i = l.find(part.id);
    if (i >= 0) l.list[i] = part;
    else l.append(part);
    return;
  }
  const parts = message.parts;
  const at = locate(parts, part.id, ownId);
  if (at.found) parts[at.index] = part;
  else if (parts.length - at.index <= nearEnd) parts.splice(at.index, 0, part);
  else {
    l = new LazyParts(parts);
    l.append(part);
    adopt(message, l);
  }
}

/** A new object for the same message (a `message.updated`) keeps its parts, without sorting them. */
export function carryParts(from: MessageState, to: Omit<MessageState, "parts">): MessageState {
  const l = lazy.get(from);
  if (!l) return Object.assign(to, { parts: from.parts });
  adopt(to as MessageState, l);
  return to as MessageState;
}

function adopt(message: MessageState, l: LazyParts): void {
  lazy.set(message, l);
  Object.defineProperty(message, "parts", {
    enumerable: true,
    configurable: true,
    get: () => l.settle(),
    set(parts: PartState[]) {
      lazy.delete(message);
      Object.defineProperty(message, "parts", { value: parts, writable: true, enumerable: true, configurable: true });
    },
  });
}
