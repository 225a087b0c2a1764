/**
 * Tokens an attacker can make without the signing key: unsigned (`alg: none`), re-signed with the wrong
 * algorithm, or validly signed tokens with a payload or header swapped afterwards.
 */
const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

export function unsignedToken(claims: Record<string, unknown>, alg = 'none', signature = ''): string {
  return `${b64url({ alg, typ: 'JWT' })}.${b64url(claims)}.${signature}`;
}

/** The token's signature, kept, over a different payload. */
export function withPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64url(claims)}.${signature}`;
}

/** The token's signature, kept, under a different header. */
export function withHeader(token: string, header: Record<string, unknown>): string {
  const [, payload, signature] = token.split('.');
  return `${b64url(header)}.${payload}.${signature}`;
}

export function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
