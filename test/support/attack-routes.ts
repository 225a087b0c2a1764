/**
 * The routes an attack suite aims at: every authenticated operation the published OpenAPI document lists (so a
 * new route is attacked the day it is added), with real ids substituted and a valid body where one is needed,
 * plus the Temporal UI's codec endpoints, which sit outside the document.
 */
export interface RouteCall {
  method: string;
  template: string;
  path: string;
  body?: string;
}

interface OpenApiPaths {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

const validBodies: Record<string, string> = {
  'POST /v1/portfolio/assessments': '{"force":false}',
  'POST /v1/portfolio/schedule/backfill': '{"start":"2025-01-05T00:00:00Z","days":1}',
  'POST /v1/webhooks/subscriptions': '{"url":"https://hooks.example.com/masterbus","events":["assessment.completed"]}',
};

export function routesOf(doc: OpenApiPaths, ids: Record<string, string>): RouteCall[] {
  const calls: RouteCall[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      if (!op.security?.length) continue;
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const id = ids[name];
        if (!id) throw new Error(`no id for {${name}} in ${template}`);
        return encodeURIComponent(id);
      });
      const key = `${method.toUpperCase()} ${template}`;
      calls.push({ method: method.toUpperCase(), template, path, ...(validBodies[key] ? { body: validBodies[key] } : {}) });
    }
  }
  for (const op of ['encode', 'decode'])
    calls.push({ method: 'POST', template: `/codec/${op}`, path: `/codec/${op}`, body: '{"payloads":[]}' });
  return calls;
}

/** The claims of a would-be admin token for these settings (signed, forged or broken by each attack). */
export function forgedClaims(s: { issuer: string; audience: string }, now: number): Record<string, unknown> {
  return { sub: 'attacker', role: 'admin', facilities: ['*'], iss: s.issuer, aud: s.audience, iat: now, nbf: now - 5, exp: now + 600 };
}
