/**
 * The fingerprint of every model version: sha256 of the model table's JSON and of the golden outcome set
 * (test/unit/model-table.test.ts). The test recomputes it: if what the model computes changed while
 * MODEL_VERSION did not, the change would be silent — bump the version and record its fingerprint here.
 * Versions before the first release are not kept (docs/risk-model.md, "Versioning").
 */
export const modelFingerprints: Record<string, string> = {
  '2.0.0': 'ba6d09b678defb4606301d82db5fc99a3d55edf10e239929a2162639aabd5bc8',
};
