/** Pre-builds the workflow bundle for production workers (docker/Dockerfile): `node dist/scripts/bundle-workflows.js <out>`. */
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { workflowModules } from '../workers/workflow-modules.js';

const out = process.argv[2] ?? 'dist/workflow-bundle.js';
// The same modules a worker bundling at start uses: the workflows and their tracing interceptors.
const { code } = await bundleWorkflowCode(workflowModules);
writeFileSync(out, code);
console.log(`workflow bundle written to ${out} (${(code.length / 1024).toFixed(0)} KiB)`);
