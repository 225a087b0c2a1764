/**
 * The layering rule (eslint.layers.js, docs/architecture.md "Layers") refuses an import that crosses a layer the
 * wrong way, and lets through the ones the architecture allows: linted as the project's own config lints them.
 */
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { folders, layerPatterns, layers } from '../../eslint.layers.js';

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } },
    ...Object.keys(layers).map((folder) => ({
      files: [`${folder}/**/*.ts`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: layerPatterns(folder) }] as Linter.RuleEntry },
    })),
  ],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.map((m) => m.message);
}

describe('the layering rule', () => {
  it('should refuse the pure model importing storage, and the storage importing the API', async () => {
    expect(
      await problems('domain/new-factor.ts', "import { collections } from '../store/collections.js';\nexport const x = collections;\n"),
    ).toEqual([expect.stringMatching(/domain\/ may import only nothing of ours/)]);
    expect(await problems('store/x.ts', "import { newApp } from '../api/app.js';\nexport const x = newApp;\n")).toEqual([
      expect.stringMatching(/store\/ may import only/),
    ]);
    expect(
      await problems(
        'cache/x.ts',
        "import { FacilityResults } from '../results/facility-results.js';\nexport const x = FacilityResults;\n",
      ),
    ).toHaveLength(1);
  });

  it('should refuse the CLI importing the API (what both share lives in contract/) and scripts importing tests', async () => {
    expect(
      await problems('cli/commands/x.ts', "import { zRole } from '../../api/security/principal.js';\nexport const x = zRole;\n"),
    ).toHaveLength(1);
    expect(await problems('cli/commands/x.ts', "import { zRole } from '../../contract/claims.js';\nexport const x = zRole;\n")).toEqual([]);
    expect(
      await problems('scripts/x.ts', "import { startHarness } from '../test/support/harness.js';\nexport const x = startHarness;\n"),
    ).toHaveLength(1);
  });

  it('should let workflows name activities by type only', async () => {
    expect(
      await problems(
        'workflows/x.ts',
        "import { createActivities } from '../activities/create-activities.js';\nexport const x = createActivities;\n",
      ),
    ).toEqual([expect.stringMatching(/for types only/)]);
    expect(
      await problems(
        'workflows/x.ts',
        "import type { Activities } from '../activities/create-activities.js';\nexport type X = Activities;\n",
      ),
    ).toEqual([]);
  });

  it('should let each folder import what the architecture allows, from any depth', async () => {
    expect(
      await problems(
        'api/services/x.ts',
        "import { collections } from '../../store/collections.js';\nimport { MODEL } from '../../domain/model-table.js';\nexport const x = [collections, MODEL];\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'activities/x.ts',
        "import { assessEquipment } from '../domain/equipment-assessment.js';\nexport const x = assessEquipment;\n",
      ),
    ).toEqual([]);
    expect(await problems('test/unit/x.ts', "import { newApp } from '../../api/app.js';\nexport const x = newApp;\n")).toEqual([]);
  });

  it('should name a layer for every top-level folder of ours, and allow only folders that exist', () => {
    expect(Object.keys(layers).sort()).toEqual([...folders].sort());
    for (const [folder, layer] of Object.entries(layers))
      for (const f of [...layer.may, ...(layer.typeOnly ?? [])]) expect(folders, `${folder} → ${f}`).toContain(f);
  });
});
