import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/service/server-flags.ts';

// The browser build's server runs with a bounded young generation (server-flags.ts): every way it
// is started passes the same flags, and they do bound V8's new space.

// The live set (up to 200,000 objects) is large enough that V8 grows the young generation to
// whatever cap it is given; with 20,000, a 64 MB cap was sometimes left at 32 MB and the test failed.
const ALLOCATE = `
  const v8 = require('node:v8');
  let keep = [];
  for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 200000) keep = []; }
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  console.log(space.space_size);`;

describe('the server’s Node flags', () => {
  it('are passed by npm run serve, before the server’s file', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    const serve = pkg.scripts['serve']!;
    expect(serve).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} out/main/serve.js`);
  });

  it('bound the young generation under a stream of short-lived objects, whatever V8 would choose', { timeout: 30_000 }, () => {
    const newSpaceMb = (flags: readonly string[]) => {
      const run = spawnSync(process.execPath, [...flags, '-e', ALLOCATE], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      return Number(run.stdout.trim()) / 2 ** 20;
    };
    // Two semi-spaces of at most 4 MB: 8 MB on a quiet machine, once 11 MB while CI ran other test
    // files beside it (why, V8's statistics do not say). Node 24's V8 takes 64 MB on
    // this load by default, so 16 still tells a bounded young generation from an unbounded one.
    expect(newSpaceMb(SERVER_NODE_FLAGS)).toBeLessThanOrEqual(16);
    // The flag, last, is what decides: a larger one lets the same load take more.
    expect(newSpaceMb(['--max-semi-space-size=64'])).toBeGreaterThan(newSpaceMb(SERVER_NODE_FLAGS));
  });
});
