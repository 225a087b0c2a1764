import { trace } from '@opentelemetry/api';
import type { ActivityInboundCallsInterceptor } from '@temporalio/worker';
import { idsOfArgument } from './span-attributes.js';

/**
 * Names the facility, assessment or portfolio run on the activity's span (RunActivity:<type>, opened by Temporal's
 * interceptor just outside this one) from the activity's first argument.
 */
export function activitySpanAttributes(): ActivityInboundCallsInterceptor {
  return {
    execute: (input, next) => {
      const [first] = input.args;
      trace.getActiveSpan()?.setAttributes(idsOfArgument(first));
      return next(input);
    },
  };
}
