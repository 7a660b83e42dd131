// Runs one of our TypeScript scripts on Node 24, which runs .ts files as they are. On an older
// Node (a machine's default Node 20, say) it uses the Node 24 that `.ci/run` keeps in the cache,
// or says in one line what is missing, instead of a stack trace about the ".ts" extension.
// Likewise a checkout whose node_modules predates a new dependency gets one line ("run npm ci"),
// not Node's ERR_MODULE_NOT_FOUND stack from deep inside the script.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const missing = Object.keys(manifest.dependencies ?? {}).filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
if (missing.length > 0) {
  const named = missing.length > 3 ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more` : missing.join(', ');
  console.error(`Evident's packages are not all installed (missing: ${named}): run \`npm ci\` in ${root} first.`);
  process.exit(1);
}

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
