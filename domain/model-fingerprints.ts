/**
 * The fingerprint of every model version: sha256 of the model table's JSON and of the golden outcome set
 * (test/unit/model-table.test.ts). The test recomputes it: if what the model computes changed while
 * MODEL_VERSION did not, the change would be silent — bump the version and record its fingerprint here.
 * Versions before the first release are not kept (docs/risk-model.md, "Versioning").
 */
export const modelFingerprints: Record<string, string> = {
  '2.1.0': '5c2c645d80d36838584aafdb909f6d4f812b16dc6da17922e68a3ad9093efa55',
};
