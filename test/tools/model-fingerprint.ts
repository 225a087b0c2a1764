/** Prints the current model fingerprint (table + golden outcomes) to record in domain/model-fingerprints.ts. */
import { MODEL_VERSION } from '../../domain/model-table.js';
import { modelFingerprint } from '../support/model-fingerprint.js';

console.log(`${MODEL_VERSION} ${modelFingerprint()}`);
