/**
 * One delivery attempt: an HTTP POST that connects only to addresses the target policy allows (checked on what DNS
 * returns at connect time, not only when the subscription was made), never follows a redirect, gives up after
 * `timeoutMs` for the whole exchange and reads at most `maxResponseBytes` of the answer (kept as an excerpt for the
 * delivery record; the rest is discarded unread).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrl, refusedAddress, type WebhookTargetPolicy } from './target-policy.js';

export interface PostWebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  policy: WebhookTargetPolicy;
  timeoutMs: number;
  maxResponseBytes?: number;
  signal?: AbortSignal;
}

export type PostWebhookResult =
  { kind: 'answered'; status: number; excerpt: string } | { kind: 'refused'; reason: string } | { kind: 'failed'; reason: string };

export class WebhookTargetRefused extends Error {
  override name = 'WebhookTargetRefused';
}

/** dns.lookup, minus every address the policy refuses (an answer with none left fails the connection). */
export function policyLookup(policy: WebhookTargetPolicy): LookupFunction {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const allowed = addresses.filter((a) => refusedAddress(a.address, policy) === null);
      if (allowed.length === 0) {
        // Stored on the delivery: name the kind of refusal, never the addresses DNS gave.
        return callback(
          new WebhookTargetRefused(
            `${hostname} resolves only to addresses webhooks may not reach (loopback, private, reserved or metadata)`,
          ),
          [],
        );
      }
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

export async function postWebhook(r: PostWebhookRequest): Promise<PostWebhookResult> {
  const checked = checkWebhookUrl(r.url, r.policy);
  if (!checked.ok) return { kind: 'refused', reason: checked.reason };
  const url = checked.url;
  const maxBytes = r.maxResponseBytes ?? 4096;
  const signal = r.signal ? AbortSignal.any([r.signal, AbortSignal.timeout(r.timeoutMs)]) : AbortSignal.timeout(r.timeoutMs);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostWebhookResult>((resolve) => {
    let settled = false;
    const done = (result: PostWebhookResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(r.body)),
        'user-agent': 'MasterBus-Webhooks/1',
        ...r.headers,
      },
      lookup: policyLookup(r.policy),
      // A fresh connection per attempt: a pooled socket would skip the address check of the lookup above.
      agent: false,
      signal,
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        res.destroy();
        done({ kind: 'answered', status: res.statusCode ?? 0, excerpt: Buffer.concat(chunks).toString('utf8').slice(0, maxBytes) });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= maxBytes) finish();
      });
      res.on('end', finish);
      res.on('error', finish);
    });
    req.on('error', (err: Error) => {
      if (err instanceof WebhookTargetRefused) return done({ kind: 'refused', reason: err.message });
      const timedOut = signal.aborted && !r.signal?.aborted;
      done({
        kind: 'failed',
        reason: timedOut ? `no answer within ${r.timeoutMs} ms` : `${(err as NodeJS.ErrnoException).code ?? err.name}: ${err.message}`,
      });
    });
    req.end(r.body);
  });
}
