import { logger } from "../obs/logger";
import type { AfterCommit } from "../request-context";

/**
 * The after-commit hook: work that waits on the network (an e-mail now; webhooks and model
 * calls later) is queued by a verb inside its transaction and started only once that
 * transaction has committed — never while it, or the tenant's audit lock, is held. If the
 * transaction rolls back, the queue is dropped: nothing is announced that did not happen.
 *
 * Tasks run in the background: the caller's response does not wait on a slow mail server.
 * A failed task is logged, never thrown into a request that already succeeded. The
 * transactional outbox (events table + dispatcher) replaces this with durable delivery.
 */

type Task = { run: () => Promise<void>; label: string };

const running = new Set<Promise<void>>();

export type AfterCommitQueue = { add: AfterCommit; flush: () => void };

export function afterCommitQueue(requestId: string | null): AfterCommitQueue {
  const tasks: Task[] = [];
  return {
    add: (run, label) => {
      tasks.push({ run, label });
    },
    /** Call once, after commit: starts every task and forgets them. */
    flush: () => {
      for (const task of tasks.splice(0)) {
        const started = task.run().catch((err: unknown) => {
          logger.error({ err, requestId, task: task.label }, "after-commit task failed");
        });
        running.add(started);
        void started.finally(() => running.delete(started));
      }
    },
  };
}

/** Resolves when every task started so far has settled: for graceful shutdown, scripts and tests. */
export async function afterCommitIdle(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}
