import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layering of the design notes is a lint rule (eslint.config.js): each file's own imports are
// checked as they are typed. What a per-file rule cannot see is what a file reaches THROUGH the
// files it imports: a channel list that one day imports the contract would ship zod and the
// schemas to every student while each import line still looks fine. This follows value imports
// from every renderer and preload file to the end.
const root = fileURLToPath(new URL('../../', import.meta.url));

interface ImportLine {
  source: string;
  typeOnly: boolean;
}

function importsOf(file: string): ImportLine[] {
  const text = readFileSync(file, 'utf8');
  const found: ImportLine[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    // `import { type A }` is kept as a side-effect import under verbatimModuleSyntax: a value import.
    found.push({ source: match[2] ?? match[3] ?? '', typeOnly: Boolean(match[1]) });
  }
  return found;
}

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
    }
  };
  walk(join(root, folder));
  return found;
}

/** Every module reached from `entries` by value imports: project files by path, packages by name. */
function reachedFrom(entries: string[]): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>(); // package -> the file that first imports it
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const line of importsOf(file)) {
      if (line.typeOnly) continue;
      if (!line.source.startsWith('.')) {
        if (!packages.has(line.source)) packages.set(line.source, relative(root, file));
        continue;
      }
      const target = resolve(dirname(file), line.source);
      if (existsSync(target) && /\.(ts|svelte)$/.test(target)) queue.push(target);
    }
  }
  return { files, packages };
}

const inFolder = (files: Set<string>, folder: string) => [...files].map((f) => relative(root, f)).filter((f) => f.startsWith(folder));

describe('layers, followed through every import', () => {
  const renderer = reachedFrom(filesUnder('src/renderer'));
  const preload = reachedFrom(filesUnder('src/preload'));

  it('reaches the files it checks (so the checks below cannot pass on nothing)', () => {
    expect(inFolder(renderer.files, 'src/renderer/').length).toBeGreaterThan(20);
    expect(inFolder(renderer.files, 'src/shared/')).toContain('src/shared/channels.ts');
    expect(inFolder(preload.files, 'src/shared/')).toContain('src/shared/channels.ts');
  });

  it('the renderer reaches no zod, no core, no service and no shell, however indirectly', () => {
    expect([...renderer.packages].filter(([name]) => name === 'zod' || name.startsWith('zod/') || name === 'electron')).toEqual([]);
    expect(
      inFolder(renderer.files, 'src/').filter((f) => !f.startsWith('src/renderer/') && !/^src\/shared\/(session-)?channels\.ts$/.test(f)),
    ).toEqual([]);
  });

  it('the preload reaches only electron and the channel lists, however indirectly', () => {
    expect([...preload.packages.keys()]).toEqual(['electron']);
    expect(
      inFolder(preload.files, 'src/').filter((f) => !f.startsWith('src/preload/') && !/^src\/shared\/(session-)?channels\.ts$/.test(f)),
    ).toEqual([]);
  });
});
