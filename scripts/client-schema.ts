/**
 * The typed client's schema (clients/typescript/src/schema.ts): the API's own OpenAPI document turned into
 * TypeScript types by openapi-typescript. `npm run client:generate` writes it from a running API; the client test
 * regenerates it from the live API and fails when the committed file differs (the client never drifts).
 */
import openapiTS, { astToString } from 'openapi-typescript';

export const CLIENT_SCHEMA_PATH = 'clients/typescript/src/schema.ts';

const HEADER = `/**
 * Generated from GET /v1/openapi.json by openapi-typescript (scripts/client-schema.ts): do not edit.
 * Regenerate with \`npm run client:generate\` against a running API (npm start).
 */
`;

export async function clientSchemaSource(openApiJson: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(openApiJson) as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return HEADER + astToString(ast);
}
