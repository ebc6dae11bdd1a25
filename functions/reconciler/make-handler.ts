/** Recurring reconciler (EventBridge Scheduler, every few minutes): repairs what slipped through. */
import type { ReconcilerService, ReconcileSummary } from '../../shared/app/reconciler-service';

export interface ReconcilerHandlerDeps {
  reconciler: ReconcilerService;
}

export const makeHandler =
  ({ reconciler }: ReconcilerHandlerDeps) =>
  async (_event: unknown): Promise<ReconcileSummary> =>
    reconciler.run();
