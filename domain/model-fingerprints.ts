/**
 * The fingerprint of every model version: sha256 of the model table's JSON and of the golden outcome set
 * (test/unit/model-table.test.ts). The test recomputes it: if what the model computes changed while
 * MODEL_VERSION did not, the change would be silent — bump the version and record its fingerprint here.
 * Versions before the first release are not kept (docs/risk-model.md, "Versioning").
 */
export const modelFingerprints: Record<string, string> = {
  '2.0.0': '3dfdf7d0fa26dc48d9fc4c730d835c5401214aadde204c80086c3d4b24226348',
};
