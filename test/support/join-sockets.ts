import type { Socket } from 'node:net';

/** Pipes two sockets both ways; either one failing or closing ends the other (a transparent proxy's join). */
export function joinSockets(client: Socket, upstream: Socket, track: (s: Socket) => void = () => {}): void {
  track(client);
  track(upstream);
  client.pipe(upstream).pipe(client);
  client.once('error', () => upstream.destroy());
  upstream.once('error', () => client.destroy());
  client.once('close', () => upstream.end());
  upstream.once('close', () => client.end());
}
