/**
 * The workflow bundle's interceptors module (not a workflow): continues an OpenTelemetry trace inside workflows.
 * Always bundled, so the bundle is the same whether tracing is on or off; a run is traced only when its start
 * carried a trace context (the API's Temporal client adds one when tracing is on). Untraced runs pass straight
 * through: no span, no header, nothing sent to the worker's sink.
 *
 * Traced runs get Temporal's own interceptors (RunWorkflow, StartActivity, StartChildWorkflow spans, the context
 * passed on in activity and child headers), and the run's facility / assessment / portfolio-run ids on each span.
 * Which run is traced is decided per workflow from its start event, so replays decide the same way.
 */
import { trace, type Attributes } from '@opentelemetry/api';
import {
  workflowInfo,
  type WorkflowInterceptors,
  type WorkflowInboundCallsInterceptor,
  type WorkflowOutboundCallsInterceptor,
  type WorkflowInternalsInterceptor,
} from '@temporalio/workflow';
import { TRACE_HEADER } from '@temporalio/interceptors-opentelemetry/lib/instrumentation.js';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import { idsOfArgument, spanAttr } from '../observability/span-attributes.js';
import { assessmentIdForRun, portfolioIdForRun } from './ids.js';

interface TracedRun {
  inbound: OpenTelemetryInboundInterceptor;
  outbound: OpenTelemetryOutboundInterceptor;
  internals: OpenTelemetryInternalsInterceptor;
  attributes: Attributes;
}

function runAttributes(firstArg: unknown): Attributes {
  const info = workflowInfo();
  const ids: Attributes = idsOfArgument(firstArg);
  if (info.workflowType === 'assessFacility') ids[spanAttr.assessmentId] = assessmentIdForRun(info.firstExecutionRunId);
  if (info.workflowType === 'reassessPortfolio') ids[spanAttr.portfolioRunId] = portfolioIdForRun(info.firstExecutionRunId);
  return ids;
}

/** Runs `next` with the run's ids on the span Temporal's interceptor has just made active. */
const named =
  <A extends unknown[], R>(run: TracedRun, next: (...a: A) => R) =>
  (...a: A): R => {
    trace.getActiveSpan()?.setAttributes(run.attributes);
    return next(...a);
  };

export const interceptors = (): WorkflowInterceptors => {
  // One closure per workflow execution: whether it is traced is this run's state, never shared between runs.
  let run: TracedRun | undefined;

  const inbound: WorkflowInboundCallsInterceptor = {
    execute: (input, next) => {
      if (input.headers[TRACE_HEADER] === undefined) return next(input);
      run = {
        inbound: new OpenTelemetryInboundInterceptor(),
        outbound: new OpenTelemetryOutboundInterceptor(),
        internals: new OpenTelemetryInternalsInterceptor(),
        attributes: runAttributes(input.args[0]),
      };
      return run.inbound.execute(input, named(run, next));
    },
    handleSignal: (input, next) => (run ? run.inbound.handleSignal(input, next) : next(input)),
    handleUpdate: (input, next) => (run ? run.inbound.handleUpdate(input, next) : next(input)),
    validateUpdate: (input, next) => (run ? run.inbound.validateUpdate(input, next) : next(input)),
    handleQuery: (input, next) => (run ? run.inbound.handleQuery(input, next) : next(input)),
  };

  const outbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity: (input, next) => (run ? run.outbound.scheduleActivity(input, named(run, next)) : next(input)),
    scheduleLocalActivity: (input, next) => (run ? run.outbound.scheduleLocalActivity(input, named(run, next)) : next(input)),
    startChildWorkflowExecution: (input, next) => (run ? run.outbound.startChildWorkflowExecution(input, next) : next(input)),
    continueAsNew: (input, next) => (run ? run.outbound.continueAsNew(input, next) : next(input)),
    signalWorkflow: (input, next) => (run ? run.outbound.signalWorkflow(input, next) : next(input)),
    getLogAttributes: (input, next) => (run ? run.outbound.getLogAttributes(input, next) : next(input)),
  };

  const internals: WorkflowInternalsInterceptor = {
    dispose: (input, next) => (run ? run.internals.dispose(input, next) : next(input)),
  };

  return { inbound: [inbound], outbound: [outbound], internals: [internals] };
};
