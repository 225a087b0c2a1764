/**
 * A mutual-TLS terminating proxy in front of a plain TCP service, standing in for the TLS a production Temporal
 * cluster terminates itself (`temporal server start-dev` has no TLS flags). Clients must present a certificate
 * issued by `ca`; the decrypted HTTP/2 (gRPC) bytes are piped unchanged to the upstream's plain port.
 */
import { connect, type Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { joinSockets } from './join-sockets.js';

export interface MtlsProxy {
  address: string;
  port: number;
  /** Subject CN of every client certificate that completed a handshake. */
  accepted: string[];
  /** Handshakes refused (no certificate, an unknown issuer, not TLS at all). */
  refused: string[];
  close(): Promise<void>;
}

export function startMtlsProxy(o: { upstream: string; cert: Buffer; key: Buffer; ca: Buffer }): Promise<MtlsProxy> {
  const [upHost, upPort] = [o.upstream.slice(0, o.upstream.lastIndexOf(':')), Number(o.upstream.slice(o.upstream.lastIndexOf(':') + 1))];
  const accepted: string[] = [];
  const refused: string[] = [];
  const open = new Set<Socket>();
  const track = (s: Socket) => {
    open.add(s);
    s.once('close', () => open.delete(s));
  };
  const server = createServer(
    { cert: o.cert, key: o.key, ca: o.ca, requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'], minVersion: 'TLSv1.2' },
    (client: TLSSocket) => {
      accepted.push(String(client.getPeerCertificate().subject?.CN));
      joinSockets(client, connect({ host: upHost, port: upPort }), track);
    },
  );
  server.on('tlsClientError', (err) => refused.push(err.message));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        address: `127.0.0.1:${port}`,
        port,
        accepted,
        refused,
        close: () =>
          new Promise<void>((done) => {
            for (const s of open) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
