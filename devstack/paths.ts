import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const toolsDir = join(projectRoot, '.tools');
/** The project's tsx, to run our TypeScript entry points (the CLI, scripts) as child processes. */
export const tsxBin = join(projectRoot, 'node_modules', '.bin', 'tsx');
export const temporalBinary = join(toolsDir, 'venv', 'bin', 'temporal');
export const ferretdbBinary = join(toolsDir, 'bin', 'ferretdb');

/** Data and logs of one stack profile: .data/dev or .data/test (git-ignored). */
export function dataDir(profile: 'production' | 'development' | 'test'): string {
  return join(projectRoot, '.data', profile);
}
