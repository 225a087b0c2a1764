/**
 * The fingerprint of every model version: sha256 of the model table's JSON and of the golden outcome set
 * (test/unit/model-table.test.ts). The test recomputes it: if what the model computes changed while
 * MODEL_VERSION did not, the change would be silent — bump the version and record its fingerprint here.
 * Versions before the first release are not kept (docs/risk-model.md, "Versioning").
 */
export const modelFingerprints: Record<string, string> = {
  '2.0.0': '1f1276033abec3f06f90deebdafc8f8a2316da5b52b601d0a35ef3c5525fdf56',
};
