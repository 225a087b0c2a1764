/** The risk model's version, recorded on every assessment (see model-table.ts for what it versions). */
export { MODEL_VERSION } from './model-table.js';
