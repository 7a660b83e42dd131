import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// scripts/node24.mjs runs every `npm run <cli>`. A checkout whose node_modules predates a new
// dependency used to end in Node's ERR_MODULE_NOT_FOUND stack from deep inside the script; it
// must say in one line what to run instead. Tried in a copy of the launcher beside a made-up
// package.json, so the real checkout's node_modules is never touched.

const launcher = fileURLToPath(new URL('../../scripts/node24.mjs', import.meta.url));
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'evident-node24-'));
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(launcher, path.join(root, 'scripts', 'node24.mjs'));
  writeFileSync(path.join(root, 'scripts', 'hello.ts'), "const who: string = 'there';\nconsole.log(`hello ${who}`);\n");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function install(name: string) {
  mkdirSync(path.join(root, 'node_modules', name), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
}

function run() {
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'node24.mjs'), path.join(root, 'scripts', 'hello.ts')], {
    cwd: root,
    encoding: 'utf8',
  });
}

describe('the launcher of the command-line tools', () => {
  it('runs the script when every dependency is installed', () => {
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { 'left-pad': '^1.0.0', '@scope/kit': '^2.0.0' } }));
    install('left-pad');
    install('@scope/kit');
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('hello there\n');
    expect(result.status).toBe(0);
  });

  it('names the missing packages and says to run npm ci, in one line and without running the script', () => {
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { 'left-pad': '^1.0.0', '@scope/kit': '^2.0.0' } }));
    install('left-pad');
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('missing: @scope/kit');
    expect(result.stderr).toContain('run `npm ci`');
    expect(result.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|at .*:\d+:\d+/u);
  });
});
