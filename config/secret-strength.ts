/**
 * Whether a secret is fit for production: not one of the secrets this repository publishes (the development
 * defaults, the example files' placeholders), and at least 256 bits of estimated entropy — length × log2 of the
 * alphabet its characters are drawn from, with enough distinct characters that a repeated pattern does not pass
 * on length alone.
 */
export interface SecretVerdict {
  ok: boolean;
  reason: string | null;
}

const classes: [RegExp, number][] = [
  [/[a-z]/, 26],
  [/[A-Z]/, 26],
  [/[0-9]/, 10],
  [/[^a-zA-Z0-9]/, 33],
];
const MIN_DISTINCT = 12;

/** Estimated entropy in bits: length × log2(size of the character classes used). */
export function estimatedEntropyBits(secret: string): number {
  const alphabet = classes.reduce((n, [re, size]) => (re.test(secret) ? n + size : n), 0);
  return alphabet ? secret.length * Math.log2(alphabet) : 0;
}

export function judgeSecret(secret: string, known: readonly string[], minBits = 256): SecretVerdict {
  if (known.includes(secret)) return { ok: false, reason: 'is a published development or example value' };
  if (/change-?me|example|placeholder/i.test(secret)) return { ok: false, reason: 'is a placeholder' };
  if (new Set(secret).size < MIN_DISTINCT) return { ok: false, reason: `repeats too few characters (fewer than ${MIN_DISTINCT} distinct)` };
  const bits = estimatedEntropyBits(secret);
  if (bits < minBits)
    return { ok: false, reason: `has about ${Math.floor(bits)} bits of entropy, fewer than ${minBits} (use e.g. openssl rand -base64 48)` };
  return { ok: true, reason: null };
}
