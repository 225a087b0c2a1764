/** What a MasterBus bearer token claims: the roles and the claims the API requires (api/security/authenticate.ts). */
import { z } from 'zod';

export const roles = ['viewer', 'assessor', 'admin'] as const;
export const zRole = z.enum(roles);
export type Role = z.infer<typeof zRole>;

/**
 * Claims MasterBus requires beyond the signature, iss and aud (checked by hono/jwt): a subject, an expiry, a
 * role, and the data the caller may see — facility ids (`["*"]` for all) and/or organisation ids.
 */
export const zClaims = z
  .object({
    sub: z.string().min(1),
    exp: z.number().int(),
    role: zRole,
    facilities: z.array(z.string().min(1)).max(10_000).default([]),
    organizations: z.array(z.string().min(1)).max(1_000).default([]),
  })
  .refine((c) => c.facilities.length + c.organizations.length > 0, {
    message: 'facilities or organizations must list what the caller may see',
    path: ['facilities'],
  });
