/**
 * One HTTP request with the path sent byte for byte (fetch would resolve `..` and re-encode before sending), for
 * hostile-input tests: traversal, operator-shaped query strings, oversize or chunked bodies.
 */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body chunked (no Content-Length), as a streaming client would. */
  chunked?: boolean;
}

export function rawRequest(baseUrl: string, r: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.body !== undefined && !r.chunked) headers['content-length'] = String(Buffer.byteLength(r.body));
    // A fresh connection each time (agent: false): a server that answers early (413) closes its socket, which a
    // keep-alive pool would otherwise hand to the next request.
    const req = request({ host: hostname, port: Number(port), method: r.method ?? 'GET', path: r.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer (413) and close before the whole body is written: that answer is what we want, so a
    // write error after the response has arrived is ignored.
    let answered = false;
    req.on('response', () => {
      answered = true;
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}
