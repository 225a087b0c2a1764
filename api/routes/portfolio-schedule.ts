import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ScheduleNotFoundError } from '@temporalio/client';
import type { Context } from 'hono';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { bodyErrors, notFound, standardErrors } from '../openapi-schemas.js';
import { globalAdminRefusal, isGlobalAdmin } from '../security/principal.js';
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
  if (!isGlobalAdmin(p))
    throw new ApiError(
      'FORBIDDEN',
      'Managing the portfolio schedule needs the admin role with access to every facility',
      globalAdminRefusal(p),
    );
}

/**
 * The schedule's state after an action (the same implementation as `masterbus schedule`; the service bounds the
 * call and turns an unreachable Temporal into a 503); a schedule that was never applied is a 404 naming the fix.
 */
async function control(c: Context<ApiEnv>, action: ScheduleAction) {
  try {
    return await c.get('services').portfolio.controlSchedule(action);
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) {
      throw new ApiError(
        'RESOURCE_NOT_FOUND',
        'The portfolio schedule has not been applied',
        'Workers apply it at start; or run `npx masterbus schedule apply`',
      );
    }
    throw err;
  }
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
    responses: {
      200: { description: 'The schedule.', content: { 'application/json': { schema: zScheduleView } } },
      ...standardErrors,
      ...(body ? bodyErrors : {}),
      404: notFound('The schedule has not been applied yet (RESOURCE_NOT_FOUND).'),
    },
  });

const scheduleView = ({ schedule_id, paused, note, next_action_times, recent_actions }: ScheduleState): z.infer<typeof zScheduleView> => ({
  schedule_id,
  paused,
  note,
  next_action_times,
  recent_actions,
});

/**
 * A backfill runs every action of its range (overlap ALLOW_ALL), so the range is bounded in the schema itself:
 * a start between 1970 and 2999 and at most MAX_BACKFILL_DAYS days — one request cannot queue years of runs.
 */
export const MAX_BACKFILL_DAYS = 31;
const BACKFILL_START_YEARS = '^(?:19[7-9]\\d|2\\d{3})-';
const zBackfill = z
  .object({
    start: z
      .string()
      .datetime({ offset: true })
      .refine((v) => new RegExp(BACKFILL_START_YEARS).test(v), 'start must be in the years 1970 to 2999')
      .openapi({
        pattern: BACKFILL_START_YEARS,
        example: '2026-01-04T00:00:00Z',
        description: 'Start of the range (ISO 8601, years 1970–2999).',
      }),
    days: z
      .number()
      .int()
      .min(1)
      .max(MAX_BACKFILL_DAYS)
      .openapi({ example: 1, description: `Length of the range in days (1–${MAX_BACKFILL_DAYS}).` }),
  })
  .strict()
  .openapi({ description: 'The time range whose scheduled actions run now: `days` days from `start`.' });

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
  app.openapi(
    route('post', '/v1/portfolio/schedule/trigger', 'triggerPortfolioSchedule', 'Run the scheduled reassessment now (admin)'),
    async (c) => {
      requireAdmin(c);
      return c.json(scheduleView(await control(c, { kind: 'trigger' })), 200);
    },
  );
  app.openapi(
    route(
      'post',
      '/v1/portfolio/schedule/backfill',
      'backfillPortfolioSchedule',
      'Run the actions a time range would have run (admin)',
      zBackfill,
    ),
    async (c) => {
      requireAdmin(c);
      const body = zBackfill.parse(await c.req.json());
      const start = new Date(body.start);
      const end = new Date(start.getTime() + body.days * 86_400_000);
      return c.json(scheduleView(await control(c, { kind: 'backfill', start, end })), 200);
    },
  );
}
