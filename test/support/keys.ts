import { createPrivateKey, createPublicKey, generateKeyPairSync as nodeGenerate } from 'node:crypto';

/** A throwaway key pair in PEM for RS256 / ES256 token tests. */
export function generateKeyPairSync(alg: 'RS256' | 'ES256'): { publicKey: string; privateKey: string } {
  const pair = alg === 'RS256' ? nodeGenerate('rsa', { modulusLength: 2048 }) : nodeGenerate('ec', { namedCurve: 'P-256' });
  return {
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The key as a JSON Web Key (public, or private for signing test tokens). */
export function exportJWK(pem: string, isPrivate = false): Record<string, string> {
  const key = isPrivate ? createPrivateKey(pem) : createPublicKey(pem);
  return key.export({ format: 'jwk' }) as Record<string, string>;
}
