import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';

/** Registers the namespace if the server lacks it (true when it did); waits until it can be described. */
export async function ensureNamespace(connection: Connection, namespace: string, retentionDays = 3): Promise<boolean> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return false;
  } catch (err) {
    if ((err as { code?: number }).code !== 5 /* NOT_FOUND */) throw err;
  }
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs(`${retentionDays}d`),
  });
  for (let i = 0; i < 40; i++) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`namespace ${namespace} was registered but never became visible`);
}
