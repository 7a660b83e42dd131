// Runs one of our TypeScript scripts on Node 24, which runs .ts files as they are. On an older
// Node (a machine's default Node 20, say) it uses the Node 24 that `.ci/run` keeps in the cache,
// or says in one line what is missing, instead of a stack trace about the ".ts" extension.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const [script, ...args] = process.argv.slice(2);
let node = process.execPath;
if (Number(process.versions.node.split('.')[0]) < 24) {
  node = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'evident', 'node-24', 'bin', 'node');
  if (!existsSync(node)) {
    console.error(
      `Evident's commands need Node 24 and this is Node ${process.versions.node}: install Node 24 (see README), or run \`bash .ci/run\` once to fetch it.`,
    );
    process.exit(1);
  }
}
const run = spawnSync(node, [script, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
