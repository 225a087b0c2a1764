/**
 * The cached-reads benchmark's baseline: a bare Hono app with one route answering the risks path with fixed JSON
 * bytes held in memory — no auth, no rate limit, no audit, no cache lookup, no logging, no metrics. It is served
 * by the same adapter as the API (`http/serve-app.ts` on @hono/node-server), in its own process as the API is.
 *
 *   node --import tsx bench/support/bare-json-server.ts <json file> <port>
 *
 * Prints one line, `listening on <url>`, once it accepts connections; SIGTERM closes it.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { serveApp } from '../../http/serve-app.js';

const [file, portText] = process.argv.slice(2);
if (!file || !portText || !Number.isInteger(Number(portText))) {
  console.error('usage: bare-json-server.ts <json file> <port>');
  process.exit(2);
}
const json = readFileSync(file, 'utf8');

const app = new Hono();
app.get('/v1/facilities/:facility_id/risks', (c) => c.body(json, 200, { 'Content-Type': 'application/json' }));

const server = await serveApp(app.fetch, { port: Number(portText) });
console.log(`listening on ${server.url}`);
process.once('SIGTERM', () => void server.close(2_000).then(() => process.exit(0)));
