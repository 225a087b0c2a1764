import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { standardErrors } from '../openapi-schemas.js';
import { hasRole } from '../security/principal.js';
import { orUnavailable } from '../services/unavailable.js';
import type { ScheduleAction, ScheduleState } from '../../temporal-admin/schedule-control.js';

const zScheduleView = z
  .object({
    schedule_id: z.string(),
    paused: z.boolean(),
    note: z.string().nullable(),
    next_action_times: z.array(z.string()),
    recent_actions: z.array(z.object({ scheduled_at: z.string(), workflow_id: z.string() })),
  })
  .openapi('PortfolioSchedule');

function requireAdmin(c: Context<ApiEnv>): void {
  const p = c.get('principal');
  if (!hasRole(p, 'admin')) throw new ApiError('FORBIDDEN', 'Managing the portfolio schedule needs the admin role', `your role is ${p.role}`);
}

/** The schedule's state after an action (the same implementation as `masterbus schedule`). */
function control(c: Context<ApiEnv>, action: ScheduleAction) {
  const portfolio = c.get('services').portfolio;
  return orUnavailable('Temporal', () => portfolio.controlSchedule(action));
}

const route = (method: 'get' | 'post', path: string, operationId: string, summary: string, body?: z.ZodType) =>
  createRoute({
    method,
    path,
    operationId,
    tags: ['Portfolio'],
    summary,
    security: [{ bearerAuth: [] }],
    ...(body ? { request: { body: { required: true, content: { 'application/json': { schema: body } } } } } : {}),
    responses: { 200: { description: 'The schedule.', content: { 'application/json': { schema: zScheduleView } } }, ...standardErrors },
  });

const scheduleView = ({ schedule_id, paused, note, next_action_times, recent_actions }: ScheduleState): z.infer<typeof zScheduleView> => ({ schedule_id, paused, note, next_action_times, recent_actions });

const zBackfill = z.object({ start: z.string().datetime({ offset: true }), end: z.string().datetime({ offset: true }) }).strict();

/** Admin control of the full-portfolio reassessment Schedule (defined in temporal.config.yaml). */
export function registerPortfolioSchedule(app: OpenAPIHono<ApiEnv>): void {
  // The role is checked before request validation: a viewer learns nothing from a 400.
  const adminOnly = async (c: Context<ApiEnv>, next: () => Promise<void>) => {
    requireAdmin(c);
    await next();
  };
  app.use('/v1/portfolio/schedule', adminOnly);
  app.use('/v1/portfolio/schedule/*', adminOnly);
  app.openapi(route('get', '/v1/portfolio/schedule', 'getPortfolioSchedule', 'The portfolio reassessment schedule (admin)'), async (c) => {
    requireAdmin(c);
    return c.json(scheduleView(await control(c, { kind: 'describe' })), 200);
  });
  app.openapi(route('post', '/v1/portfolio/schedule/pause', 'pausePortfolioSchedule', 'Pause the schedule (admin)'), async (c) => {
    requireAdmin(c);
    return c.json(scheduleView(await control(c, { kind: 'pause', note: `Paused by ${c.get('principal').subject} via the API` })), 200);
  });
  app.openapi(route('post', '/v1/portfolio/schedule/resume', 'resumePortfolioSchedule', 'Resume the schedule (admin)'), async (c) => {
    requireAdmin(c);
    return c.json(scheduleView(await control(c, { kind: 'resume', note: `Resumed by ${c.get('principal').subject} via the API` })), 200);
  });
  app.openapi(route('post', '/v1/portfolio/schedule/trigger', 'triggerPortfolioSchedule', 'Run the scheduled reassessment now (admin)'), async (c) => {
    requireAdmin(c);
    return c.json(scheduleView(await control(c, { kind: 'trigger' })), 200);
  });
  app.openapi(route('post', '/v1/portfolio/schedule/backfill', 'backfillPortfolioSchedule', 'Run the actions a time range would have run (admin)', zBackfill), async (c) => {
    requireAdmin(c);
    const body = zBackfill.parse(await c.req.json());
    return c.json(scheduleView(await control(c, { kind: 'backfill', start: new Date(body.start), end: new Date(body.end) })), 200);
  });
}
