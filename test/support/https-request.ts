/**
 * One HTTP(S) request with explicit TLS material (fetch cannot take a CA or a client certificate per request).
 * A fresh connection each time (no agent), so one call's trust settings never leak into the next.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface TlsClientOptions {
  /** CAs to trust; unset = Node's built-in roots only. */
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface PlainResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function request(
  url: string,
  o: TlsClientOptions & { method?: string; headers?: Record<string, string> } = {},
): Promise<PlainResponse> {
  const { method = 'GET', headers = {}, ...tls } = o;
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers, agent: false, timeout: 10_000, ...tls }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}
