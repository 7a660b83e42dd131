import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

// `npm run bench [-- name ...]`: every bench/*.bench.ts in its own process, so that one
// benchmark's heap and JIT state do not colour the next. Figures are printed, never asserted.

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}-${process.arch}`,
);
console.log('figures vary with load on a shared machine: compare ratios within one run\n');

let failed = 0;
for (const file of files) {
  console.log(`── ${file}`);
  const result = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(new URL(file, import.meta.url))], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
  console.log();
}
if (failed > 0) {
  console.error(`${failed} benchmark(s) failed to run`);
  process.exit(1);
}
