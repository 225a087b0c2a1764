// The layering docs/architecture.md states ("Layers"), enforced by lint: each top-level folder names the
// folders it may import from. An import of any other folder of ours is an error. `typeOnly` folders may be
// imported with `import type` only (workflows must stay deterministic: they name activities, records and config
// by type, never run their code). test/unit/layering.test.ts proves the rule refuses a wrong import.

/** Every top-level folder of ours that code imports from. */
export const folders = [
  'activities',
  'api',
  'bench',
  'cache',
  'cli',
  'clients',
  'codec',
  'condoit',
  'config',
  'contract',
  'devstack',
  'domain',
  'http',
  'observability',
  'results',
  'scripts',
  'store',
  'temporal-admin',
  'test',
  'webhooks',
  'workers',
  'workflows',
];

const everything = folders;
const but = (...excluded) => everything.filter((f) => !excluded.includes(f));

/** What the API and worker processes both wire together. */
const wiring = [
  'cache',
  'codec',
  'condoit',
  'config',
  'contract',
  'domain',
  'observability',
  'results',
  'store',
  'temporal-admin',
  'webhooks',
  'workflows',
];

/** folder → the folders it may import (its own is always allowed). */
export const layers = {
  domain: { may: [] },
  // The consumers' typed client is published on its own: it imports nothing of ours.
  clients: { may: [] },
  contract: { may: [] },
  config: { may: [] },
  http: { may: [] },
  codec: { may: ['config'] },
  condoit: { may: ['config', 'http'] },
  cache: { may: ['config'] },
  observability: { may: ['cache', 'config', 'http'] },
  store: { may: ['condoit', 'config', 'contract', 'domain', 'webhooks'] },
  results: { may: ['cache', 'config', 'domain', 'store'] },
  webhooks: { may: ['codec', 'config', 'contract', 'workflows'] },
  workflows: { may: ['observability'], typeOnly: ['activities', 'config', 'contract', 'domain', 'store', 'webhooks'] },
  'temporal-admin': { may: ['config', 'contract', 'workflows'] },
  activities: { may: ['cache', 'condoit', 'config', 'contract', 'domain', 'observability', 'results', 'store', 'webhooks', 'workflows'] },
  // The two processes wire everything below them; only the worker runs activities.
  api: { may: [...wiring, 'http'] },
  workers: { may: [...wiring, 'activities'] },
  cli: { may: ['codec', 'condoit', 'config', 'contract', 'domain', 'temporal-admin'] },
  devstack: { may: ['config', 'temporal-admin'] },
  scripts: { may: but('scripts', 'test', 'bench') },
  bench: { may: but('bench', 'scripts') },
  test: { may: but('test') },
};

/** An import specifier reaching the top-level folder `f` from anywhere below the root (`../f/…`, `../../f/…`). */
const reaching = (names) => `^(\\.\\./)+(${names.join('|')})/`;

/** The no-restricted-imports patterns for files of `folder` (with `extra` patterns the folder also needs). */
export function layerPatterns(folder) {
  const layer = layers[folder];
  const allowed = new Set([folder, ...layer.may, ...(layer.typeOnly ?? [])]);
  const forbidden = folders.filter((f) => !allowed.has(f));
  const patterns = [];
  if (forbidden.length)
    patterns.push({
      regex: reaching(forbidden),
      message: `${folder}/ may import only ${[...layer.may].join(', ') || 'nothing of ours'}${layer.typeOnly ? ` (and, as types, ${layer.typeOnly.join(', ')})` : ''} (docs/architecture.md, "Layers").`,
    });
  if (layer.typeOnly?.length)
    patterns.push({
      regex: reaching(layer.typeOnly),
      allowTypeImports: true,
      message: `${folder}/ may import ${layer.typeOnly.join(', ')} for types only (import type …).`,
    });
  return patterns;
}
