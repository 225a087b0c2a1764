import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Logger, LogLevel } from './logger.js';
import { temporalLogger, toTemporalLevel } from './temporal-logger.js';

/**
 * Installs the process's Temporal Runtime (once, before any worker or native connection): the SDK's and Core's
 * logs go to our logger, and Core serves its own Prometheus metrics on `metricsBindAddress` when given.
 */
export function installTemporalRuntime(o: { logger: Logger; level: LogLevel; metricsBindAddress?: string | undefined }): Runtime {
  return Runtime.install({
    logger: temporalLogger(o.logger.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: toTemporalLevel(o.level), other: 'ERROR' }) },
      ...(o.metricsBindAddress ? { metrics: { prometheus: { bindAddress: o.metricsBindAddress } } } : {}),
    },
  });
}
