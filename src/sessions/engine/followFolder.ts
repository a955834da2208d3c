import type { Disposer } from "../../common/lifecycle";
import type { FolderSession } from "../../conversation/folderSession";
import type { SessionList } from "./sessionList";

/**
 * Keeps `list` current from the folder's stream: events are applied as they come, and a sweep (a
 * reconnect, or the window regaining focus: work done by another server process sent no event
 * here) re-reads the pages loaded so far. `onChange` hears every change a row may show (a status, an ask).
 */
export function followFolder(list: SessionList, session: FolderSession, onChange: () => void, onError: (err: unknown) => void): Disposer {
  const seed = () => list.noteParents(Object.values(session.state.sessions).flatMap(s => (s.info ? [s.info] : [])));
  seed();
  const sub = session.onDidChange(action => {
    switch (action.kind) {
      case "event":
        if (list.apply(action.event)) onChange();
        else if (action.event.type.startsWith("permission.") || action.event.type.startsWith("question.")) onChange();
        return;
      case "sessions":
        seed();
        if (list.loaded) void list.reload().catch(onError);
        return;
      case "pending": case "statuses": onChange(); return;
      default: return;
    }
  });
  return sub;
}
