/**
 * The fingerprint (sha256 of the model table's JSON) of every released model version. A test recomputes the
 * current table's fingerprint: if it changed while MODEL_VERSION did not, the change would be silent — bump the
 * version and add its fingerprint here.
 */
export const modelFingerprints: Record<string, string> = {
  '1.0.0': '2002234cc6086aeeeb8c41a53b0e35a631891714ef2b284c9441c2957ce8e42d',
};
