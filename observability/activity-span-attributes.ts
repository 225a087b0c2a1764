import { trace } from '@opentelemetry/api';
import type { Context } from '@temporalio/activity';
import type { ActivityInboundCallsInterceptor } from '@temporalio/worker';
import { idsOfArgument, spanAttr } from './span-attributes.js';

/** Activities whose first argument is a bare facility id rather than a reference object. */
const facilityIdFirst = new Set(['refreshFacilityCache']);

/**
 * Names the facility, assessment or portfolio run on the activity's span (RunActivity:<type>, opened by Temporal's
 * interceptor just outside this one) from the activity's first argument.
 */
export function activitySpanAttributes(ctx: Context): ActivityInboundCallsInterceptor {
  return {
    execute: (input, next) => {
      const [first] = input.args;
      const ids = typeof first === 'string' && facilityIdFirst.has(ctx.info.activityType) ? { [spanAttr.facilityId]: first } : idsOfArgument(first);
      trace.getActiveSpan()?.setAttributes(ids);
      return next(input);
    },
  };
}
