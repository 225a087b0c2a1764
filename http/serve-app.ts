import { serve } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import type { Server } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting connections and waits for in-flight requests (idle keep-alive sockets are closed at once);
   * connections still busy after `graceMs` are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * The JSON body for a request Node's HTTP parser refused before the app saw it (431: headers over Node's 16 KiB,
 * 400: not HTTP). Without it such requests get a bare status line with no body and no request id.
 */
export type ClientErrorBody = (status: 400 | 431, requestId: string) => unknown;

function answerClientError(err: NodeJS.ErrnoException, socket: Socket, body: ClientErrorBody): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const requestId = randomUUID();
  const json = JSON.stringify(body(status, requestId));
  const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${json}`,
  );
}

/**
 * Serves a fetch-style app (Hono) on host:port (port 0 = any free port) and resolves once it listens; over HTTPS
 * when given TLS server options (certificate, key and, for mutual TLS, the client CA).
 */
export function serveApp(
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>,
  {
    host = '127.0.0.1',
    port = 0,
    clientErrorBody,
    tls,
  }: { host?: string; port?: number; clientErrorBody?: ClientErrorBody; tls?: HttpsOptions | undefined } = {},
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const transport = tls ? { createServer: createHttpsServer, serverOptions: tls } : {};
    const server = serve({ fetch, hostname: host, port, ...transport }, (info: AddressInfo) => {
      const url = `${tls ? 'https' : 'http'}://${host}:${info.port}`;
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
    if (clientErrorBody)
      server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket, clientErrorBody));
  });
}
