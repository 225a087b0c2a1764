/**
 * The fingerprint of every model version: sha256 of the model table's JSON and of the golden outcome set
 * (test/unit/model-table.test.ts). The test recomputes it: if what the model computes changed while
 * MODEL_VERSION did not, the change would be silent — bump the version and record its fingerprint here.
 * Versions before the first release are not kept (docs/risk-model.md, "Versioning").
 */
export const modelFingerprints: Record<string, string> = {
  '2.1.0': '467f37b94d7a967d5f9c32cfcf31cd5b563cdcf2b05c6d6759a296577589efb1',
};
