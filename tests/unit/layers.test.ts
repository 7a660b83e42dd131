import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layering of the design notes as a check that fails: each layer imports only what it may.
const root = fileURLToPath(new URL('../../', import.meta.url));

interface ImportLine {
  file: string;
  source: string;
  typeOnly: boolean;
}

function importsUnder(folder: string): ImportLine[] {
  const found: ImportLine[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|svelte)$/.test(entry.name)) {
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
          found.push({ file: relative(root, path), source: match[3] ?? match[4] ?? '', typeOnly: Boolean(match[2]) });
        }
      }
    }
  };
  walk(join(root, folder));
  return found;
}

const describeImport = (i: ImportLine) => `${i.file} imports ${i.source}${i.typeOnly ? ' (types)' : ''}`;

describe('layers', () => {
  it('finds the imports it checks (so the checks below cannot pass on nothing)', () => {
    expect(importsUnder('src/core').length).toBeGreaterThan(10);
    expect(importsUnder('src/renderer').length).toBeGreaterThan(10);
  });

  it('core imports no Electron, no Node and no DOM code: only zod, its own files and a pure library', () => {
    const allowed = (s: string) => s.startsWith('.') || s === 'zod' || s === 'fastest-levenshtein';
    expect(importsUnder('src/core').filter((i) => !allowed(i.source)).map(describeImport)).toEqual([]);
    expect(importsUnder('src/core').filter((i) => /\.\.\/(service|main|preload|renderer|shared)\//.test(i.source)).map(describeImport)).toEqual([]);
  });

  it('the service and the shared contract never import Electron or the renderer', () => {
    const bad = [...importsUnder('src/service'), ...importsUnder('src/shared')].filter(
      (i) => i.source === 'electron' || i.source.includes('/main/') || i.source.includes('/renderer/') || i.source.includes('/preload/'),
    );
    expect(bad.map(describeImport)).toEqual([]);
  });

  it('the renderer imports only types from the contract: no zod, no scoring, no service', () => {
    const bad = importsUnder('src/renderer').filter(
      (i) =>
        i.source === 'zod' ||
        i.source.startsWith('zod/') ||
        /\/(core|service|main|preload)\//.test(i.source) ||
        // Of src/shared, only the zod-free channel lists may be imported for their values.
        (i.source.includes('/shared/') && !i.typeOnly && !/\/shared\/(session-)?channels\.ts$/.test(i.source)),
    );
    expect(bad.map(describeImport)).toEqual([]);
  });

  it('the preload exposes channels only: electron and the zod-free channel list', () => {
    const bad = importsUnder('src/preload').filter(
      (i) => !(i.source === 'electron' || i.source.endsWith('/shared/channels.ts') || i.source.endsWith('/shared/session-channels.ts') || i.typeOnly),
    );
    expect(bad.map(describeImport)).toEqual([]);
  });
});
