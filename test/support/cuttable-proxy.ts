/**
 * A plain TCP proxy in front of one service, for one process under test: `cut()` drops every connection and
 * refuses new ones (the service is down for that process only, not for the other tests sharing the stack).
 */
import { connect, createServer, type Socket } from 'node:net';
import { joinSockets } from './join-sockets.js';

export interface CuttableProxy {
  port: number;
  cut(): void;
  close(): Promise<void>;
}

export function startCuttableProxy(upstream: { host: string; port: number }): Promise<CuttableProxy> {
  const open = new Set<Socket>();
  let down = false;
  const track = (s: Socket) => {
    open.add(s);
    s.once('close', () => open.delete(s));
  };
  const server = createServer((client) => {
    if (down) return client.destroy();
    joinSockets(client, connect(upstream), track);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as { port: number }).port,
        cut: () => {
          down = true;
          for (const s of open) s.destroy();
        },
        close: () =>
          new Promise<void>((done) => {
            down = true;
            for (const s of open) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
