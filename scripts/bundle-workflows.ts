/** Pre-builds the workflow bundle for production workers (docker/Dockerfile): `node dist/scripts/bundle-workflows.js <out>`. */
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = process.argv[2] ?? 'dist/workflow-bundle.js';
const workflowsPath = fileURLToPath(new URL('../workflows/index.js', import.meta.url));
const { code } = await bundleWorkflowCode({ workflowsPath });
writeFileSync(out, code);
console.log(`workflow bundle written to ${out} (${(code.length / 1024).toFixed(0)} KiB)`);
