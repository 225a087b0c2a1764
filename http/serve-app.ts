import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting connections and waits for in-flight requests (idle keep-alive sockets are closed at once);
   * connections still busy after `graceMs` are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/** Serves a fetch-style app (Hono) on host:port (port 0 = any free port) and resolves once it listens. */
export function serveApp(
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>,
  { host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {},
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }, (info: AddressInfo) => {
      const url = `http://${host}:${info.port}`;
      resolve({
        url,
        port: info.port,
        close: (graceMs = 10_000) =>
          new Promise<void>((done) => {
            const s = server as Server;
            const cut = setTimeout(() => s.closeAllConnections(), graceMs);
            // Keep-alive connections go idle as their last response is sent: close them then, not after keepAliveTimeout.
            const sweep = setInterval(() => s.closeIdleConnections(), 100);
            s.close(() => {
              clearTimeout(cut);
              clearInterval(sweep);
              done();
            });
            s.closeIdleConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
