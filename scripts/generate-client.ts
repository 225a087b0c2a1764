/** Writes clients/typescript/src/schema.ts from a running API's OpenAPI document: `npm run client:generate [-- <api url>]`. */
import { writeFileSync } from 'node:fs';
import { CLIENT_SCHEMA_PATH, clientSchemaSource } from './client-schema.js';

const apiUrl = process.argv[2] ?? 'http://127.0.0.1:8080';
const res = await fetch(`${apiUrl}/v1/openapi.json`);
if (!res.ok) throw new Error(`GET ${apiUrl}/v1/openapi.json: ${res.status}`);
writeFileSync(CLIENT_SCHEMA_PATH, await clientSchemaSource(await res.text()));
console.log(`${CLIENT_SCHEMA_PATH} written from ${apiUrl}/v1/openapi.json`);
