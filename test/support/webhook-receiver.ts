/**
 * A webhook consumer on loopback for tests: records every request (raw body, headers, answer) per path, answers
 * as each path's behaviour says, and verifies signatures exactly as docs/webhooks.md's recipe does (re-implemented here
 * on purpose: the test must not trust MasterBus's own verifier to check MasterBus's signatures).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';

/** docs/webhooks.md, "Verifying a delivery", verbatim apart from the parameter types. */
export function verifyMasterBusWebhook(rawBody: string, headers: IncomingHttpHeaders, secret: string, toleranceSeconds = 300): boolean {
  const timestamp = headers['masterbus-timestamp'];
  const signatures = headers['masterbus-signature'];
  if (typeof timestamp !== 'string' || typeof signatures !== 'string' || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false; // a replay, or a bad clock
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  return signatures.split(',').some((part) => {
    const [version, hex] = part.trim().split('=');
    if (version !== 'v1' || !hex) return false;
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export interface ReceivedRequest {
  path: string;
  rawBody: string;
  headers: IncomingHttpHeaders;
  eventId: string;
  eventType: string;
  /** Which of the path's attempts at this event this was (1-based). */
  attempt: number;
  answered: number;
  at: number;
}

/** What a failing receiver puts in its answer body (a stand-in for stack traces, internal addresses, tokens). */
export const receiverSecret = 'internal-detail db=10.9.8.7:5432 token=rx-secret-7f3a';

/** What a path answers to the nth attempt at an event. */
export type Behaviour = (eventId: string, attempt: number) => number;

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  behave(path: string, behaviour: Behaviour): void;
  on(path: string): ReceivedRequest[];
  /** The requests of a path that got a 2xx, in arrival order. */
  deliveredTo(path: string): ReceivedRequest[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const behaviours = new Map<string, Behaviour>();
  const attempts = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const eventId = String(req.headers['masterbus-event-id'] ?? '');
      const key = `${path} ${eventId}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const status = (behaviours.get(path) ?? (() => 204))(eventId, attempt);
      requests.push({
        path,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
        eventId,
        eventType: String(req.headers['masterbus-event-type'] ?? ''),
        attempt,
        answered: status,
        at: Date.now(),
      });
      // A failing receiver answers with internal detail, as real ones do: MasterBus must never store or show it.
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `not now; ${receiverSecret}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave: (path, behaviour) => behaviours.set(path, behaviour),
    on: (path) => requests.filter((r) => r.path === path),
    deliveredTo: (path) => requests.filter((r) => r.path === path && r.answered < 300),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
