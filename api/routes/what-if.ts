import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actionNames } from '../../domain/equipment-actions.js';
import { zFacilityRisks } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { bodyErrors, notFound, standardErrors, zFacilityIdParam } from '../openapi-schemas.js';

/**
 * Bounded so that any valid request fits the API's 64 KiB body limit (14 actions, one per kind, × 20 ids of ≤ 160
 * ASCII characters ≈ 47 KB): more equipment than that is what a priority action's `id` is for (it applies to every
 * affected equipment).
 */
const MAX_ACTIONS = 14;
const MAX_EQUIPMENT_PER_ACTION = 20;
const zEquipmentId = z
  .string()
  .min(1)
  .max(160)
  .regex(/^[A-Za-z0-9._:-]+$/, 'equipment ids are letters, digits, ".", "_", ":" and "-"');

const zAction = z.enum(actionNames).openapi({ description: 'An action id (as in `risk_recommendation.priority_actions[].id`).' });

export const zWhatIfRequest = z
  .object({
    actions: z
      .array(
        z.union([
          z.object({ id: zAction }).strict(),
          z
            .object({ kind: zAction, equipment_ids: z.array(zEquipmentId).min(1).max(MAX_EQUIPMENT_PER_ACTION) })
            .strict()
            .openapi({ description: 'The action applied to the chosen equipment of the facility.' }),
        ]),
      )
      .max(MAX_ACTIONS)
      .default([]),
  })
  .strict()
  .openapi({
    example: { actions: [{ id: 'perform_overdue_maintenance' }, { kind: 'replace_equipment', equipment_ids: ['fac-00001-eq-0003'] }] },
  });

const zWhatIfAnswer = z.object({
  facility_id: z.string(),
  assessment_id: z.string(),
  model_version: z.string(),
  as_of: z.string(),
  actions: zWhatIfRequest.shape.actions,
  risk_score_before: z.number(),
  risk_score_after: z.number(),
  risks: zFacilityRisks.omit({ historical_trend: true }),
  changed_equipment_count: z.number().int(),
  changed_equipment: z.array(z.object({ equipment_id: z.string(), risk_score_before: z.number(), risk_score_after: z.number() })),
});

export const whatIfRoute = createRoute({
  method: 'post',
  path: '/v1/facilities/{facility_id}/what-if',
  operationId: 'facilityWhatIf',
  tags: ['Risks'],
  summary: 'The facility re-scored with actions applied (nothing is written)',
  description:
    "Re-scores the facility's latest completed assessment (same Condoit snapshot, same as-of) with the actions applied: " +
    'an action `id` applies to every equipment it applies to, `kind` + `equipment_ids` to the chosen equipment. ' +
    'Each action makes neutral the factors it fixes, as the priority actions are scored. No assessment is created; ' +
    'with no actions the answer is the stored assessment. Compliance is not re-derived. Any role with access to the facility.',
  security: [{ bearerAuth: [] }],
  request: {
    params: zFacilityIdParam,
    // Optional: no body (or no actions) answers the stored assessment.
    body: { required: false, content: { 'application/json': { schema: zWhatIfRequest } } },
  },
  responses: {
    200: { description: 'The facility as it would score.', content: { 'application/json': { schema: zWhatIfAnswer } } },
    ...standardErrors,
    ...bodyErrors,
    404: notFound(
      'Facility not visible to the caller (RESOURCE_NOT_FOUND), not assessed yet (NO_ASSESSMENT_YET), or an equipment id not in the facility (RESOURCE_NOT_FOUND).',
    ),
  },
});

export function registerWhatIf(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(whatIfRoute, async (c) => {
    const { facility_id } = c.req.valid('param');
    // A body that is not JSON is refused (the validator only reads JSON ones); no body at all: no actions.
    const sent = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined;
    if (sent && !/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        'The body must be application/json',
        `content-type: ${c.req.header('content-type') ?? 'none'}`,
      );
    const actions = (c.req.valid('json') as z.infer<typeof zWhatIfRequest> | undefined)?.actions ?? [];
    const out = await c.get('services').results.whatIf(c.get('principal'), facility_id, actions);
    if (out.kind === 'not_visible') throw new ApiError('RESOURCE_NOT_FOUND', `Facility ${facility_id} not found`);
    if (out.kind === 'not_assessed')
      throw new ApiError(
        'NO_ASSESSMENT_YET',
        `Facility ${facility_id} has no completed assessment yet`,
        'start one with POST .../assessments',
      );
    if (out.kind === 'unknown_equipment')
      throw new ApiError(
        'RESOURCE_NOT_FOUND',
        `Equipment ${out.ids.slice(0, 5).join(', ')} not found in facility ${facility_id}`,
        'equipment_ids must name equipment of this facility',
      );
    return c.json(out.answer, 200);
  });
}
