import type { z } from 'zod';

/** "a.b.c: message; d: message" — names every offending path so a bad config is fixed in one go. */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}
