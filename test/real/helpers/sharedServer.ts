// One real opencode + fake model + event recorder per test file (a new session per test), as mocha
// hooks. The returned object is filled in by `before`; read its fields inside tests only.
import { FakeModel } from "../../fakes/fakeModel";
import { startRealOpencode, type RealOpencode } from "../../fakes/realOpencode";
import { EventRecorder } from "../eventRecorder";

export type SharedServer = { model: FakeModel; oc: RealOpencode; events: EventRecorder };

export function useSharedServer(config: Record<string, unknown>, o: { git?: boolean } = {}): SharedServer {
  const shared = {} as SharedServer;
  before(async () => {
    shared.model = await FakeModel.start();
    shared.oc = await startRealOpencode(shared.model, { config, ...o });
    shared.events = await EventRecorder.open(shared.oc, shared.oc.workspace);
  });
  after(async () => {
    shared.events?.close();
    await shared.oc?.stop();
    await shared.model?.close();
  });
  beforeEach(() => shared.model.reset());
  return shared;
}
