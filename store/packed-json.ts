/**
 * Large JSON texts stored deflated, as BSON binary. FerretDB's cost of a document grows with its bytes (a string is
 * JSON-escaped into its storage format and back: ~100 ms per MB on this machine), and the texts MasterBus stores —
 * equipment details, listing chunks, snapshot chunks — deflate 7–9× at zlib's fastest level for a few ms per MB of
 * CPU. On MongoDB (which compresses on disk anyway) the gain is the wire and the cache; the cost the same CPU.
 *
 * Packing is synchronous (activities, off any request path); unpacking on a request path is asynchronous, in
 * libuv's thread pool, so a large text never blocks the API's event loop.
 */
import { promisify } from 'node:util';
import { constants, deflateRawSync, inflateRaw, inflateRawSync } from 'node:zlib';
import { Binary } from 'mongodb';

const inflateRawAsync = promisify(inflateRaw);

export function packJson(text: string): Binary {
  return new Binary(deflateRawSync(text, { level: constants.Z_BEST_SPEED }));
}

export function unpackJsonSync(packed: Binary): string {
  return inflateRawSync(packed.buffer).toString('utf8');
}

export async function unpackJson(packed: Binary): Promise<string> {
  return (await inflateRawAsync(packed.buffer)).toString('utf8');
}
