import { fileURLToPath } from 'node:url';

// From source (tsx) the modules are .ts; in the compiled image (dist/) the same names end in .js.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const beside = (path: string) => fileURLToPath(new URL(`../workflows/${path}.${ext}`, import.meta.url));

/**
 * What every workflow bundle is made of, whether the worker bundles at start or loads the pre-built bundle
 * (scripts/bundle-workflows.ts): the workflows, and the interceptors module that continues traces in them.
 */
export const workflowModules = {
  workflowsPath: beside('index'),
  workflowInterceptorModules: [beside('tracing-interceptors')],
};
