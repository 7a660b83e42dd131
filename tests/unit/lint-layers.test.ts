import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering rules live in eslint.config.js as import restrictions with path patterns. A pattern
// that stops matching (a folder renamed, a regex edited) would silently allow everything, so
// each layer's rule is tried here on a forbidden import and on an allowed one.
const root = fileURLToPath(new URL('../../', import.meta.url));
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  // Loading the config and its plugins takes seconds on a busy machine: once, before the tests.
  await eslint.lintText('export {};\n', { filePath: 'src/core/warm-up.ts' });
}, 60_000);

async function layerFindings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-globals' || m.fatal)
    .map((m) => m.message);
}

describe('the layering lint rules', () => {
  it('core: no Electron, Node, DOM or other layer; zod, its own files and a pure library are fine', async () => {
    const file = 'src/core/scoring/example.ts';
    expect(await layerFindings(file, "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await layerFindings(file, "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await layerFindings(file, "import path from 'path';\nexport const a = path;\n")).toHaveLength(1);
    expect(await layerFindings(file, "import { dispatch } from '../../service/dispatch.ts';\nexport const a = dispatch;\n")).toHaveLength(
      1,
    );
    expect(
      await layerFindings(file, "import type { Envelope } from '../../shared/contract.ts';\nexport type A = Envelope<1>;\n"),
    ).toHaveLength(1);
    expect(await layerFindings(file, 'export const a = document.title + process.env.HOME;\n')).toHaveLength(2);
    expect(
      await layerFindings(
        file,
        "import { z } from 'zod';\nimport { distance } from 'fastest-levenshtein';\nimport { scoreResponse } from './index.ts';\nexport const a = [z, distance, scoreResponse];\n",
      ),
    ).toEqual([]);
    // The readability packages are allowed on purpose (reading statistics); a look-alike is not.
    expect(
      await layerFindings(
        file,
        "import { syllable } from 'syllable';\nimport { flesch } from 'flesch';\nimport { fleschKincaid } from 'flesch-kincaid';\nimport { colemanLiau } from 'coleman-liau';\nexport const a = [syllable, flesch, fleschKincaid, colemanLiau];\n",
      ),
    ).toEqual([]);
    expect(await layerFindings(file, "import { syllable } from 'syllable/lib/x';\nexport const a = syllable;\n")).toHaveLength(1);
  });

  it('renderer: types from the contract, values from the channel lists only; never zod, core or the service', async () => {
    const file = 'src/renderer/src/lib/example.ts';
    expect(await layerFindings(file, "import { contract } from '../../../shared/contract.ts';\nexport const a = contract;\n")).toHaveLength(
      1,
    );
    expect(await layerFindings(file, "import { z } from 'zod/mini';\nexport const a = z;\n")).toHaveLength(1);
    expect(
      await layerFindings(file, "import type { Article } from '../../../core/article/index.ts';\nexport type A = Article;\n"),
    ).toHaveLength(1);
    expect(
      await layerFindings(file, "import { scoreResponse } from '../../../core/scoring/index.ts';\nexport const a = scoreResponse;\n"),
    ).toHaveLength(1);
    expect(
      await layerFindings(
        file,
        "import type { Envelope } from '../../../shared/contract.ts';\nimport { CHANNELS } from '../../../shared/channels.ts';\nexport const a: Envelope<typeof CHANNELS> | null = null;\n",
      ),
    ).toEqual([]);
  });

  it('renderer components are held to the same rule', async () => {
    const file = 'src/renderer/src/Example.svelte';
    const bad = '<script lang="ts">\n  import { contract } from \'../../shared/contract.ts\';\n</script>\n<p>{String(contract)}</p>\n';
    const good =
      '<script lang="ts">\n  import type { QuizSummary } from \'../../shared/contract.ts\';\n  let { quiz }: { quiz: QuizSummary } = $props();\n</script>\n<p>{quiz.title}</p>\n';
    expect(await layerFindings(file, bad)).toHaveLength(1);
    expect(await layerFindings(file, good)).toEqual([]);
  });

  it('service: no Electron; the service proper imports its transports as types only', async () => {
    expect(await layerFindings('src/service/example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(
      await layerFindings('src/service/example.ts', "import { dispatch } from './dispatch.ts';\nexport const a = dispatch;\n"),
    ).toHaveLength(1);
    expect(
      await layerFindings(
        'src/service/classroom/example.ts',
        "import type { RunningSessionServer } from './server.ts';\nexport type A = RunningSessionServer;\n",
      ),
    ).toEqual([]);
    // A transport imports the service: that is the direction the layering allows.
    expect(await layerFindings('src/service/http.ts', "import { dispatch } from './dispatch.ts';\nexport const a = dispatch;\n")).toEqual(
      [],
    );
  });

  it('preload: electron and the channel lists; the contract only as types', async () => {
    const file = 'src/preload/example.ts';
    expect(await layerFindings(file, "import { contract } from '../shared/contract.ts';\nexport const a = contract;\n")).toHaveLength(1);
    expect(await layerFindings(file, "import { z } from 'zod';\nexport const a = z;\n")).toHaveLength(1);
    expect(
      await layerFindings(
        file,
        "import { contextBridge } from 'electron';\nimport { CHANNELS } from '../shared/channels.ts';\nimport type { EvidentApi } from '../shared/contract.ts';\nexport const a: [unknown, unknown, EvidentApi | null] = [contextBridge, CHANNELS, null];\n",
      ),
    ).toEqual([]);
  });
});
