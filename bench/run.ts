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

// Each benchmark's lines about its targets ("target …", "largest N …"), repeated at the end.
const targets = new Map<string, string[]>();
let failed = 0;
for (const file of files) {
  console.log(`── ${file}`);
  const result = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(new URL(file, import.meta.url))], {
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  process.stdout.write(result.stdout ?? '');
  targets.set(
    file,
    (result.stdout ?? '')
      .split('\n')
      .filter((line) => /^\s*(target|largest N)/.test(line))
      .map((line) => line.trim()),
  );
  if (result.status !== 0) failed++;
  console.log();
}

// Issue 16's three raised figures, each beside its target, with the largest class that meets them.
const RAISED: [string, RegExp][] = [
  ['durable answers under a burst: ≥ 5,000 a second, p99 < 100 ms, 300 students', /^burst\./],
  ['a whole hall: 2,000 students, answer p99 < 100 ms, 0 lost, dashboard < 1 s, server RSS < 250 MB', /^classroom\./],
  ['teacher views at 100,000 responses: results < 200 ms, CSV peak RSS < 150 MB', /^results.*\.bench\.ts$/],
];
console.log('── raised targets (issue 16)');
for (const [what, pattern] of RAISED) {
  const ran = files.filter((f) => pattern.test(f));
  console.log(`${what}`);
  if (ran.length === 0) {
    const exists = readdirSync(dir).some((f) => pattern.test(f));
    console.log(`  ${exists ? 'not run in this selection' : 'no benchmark for it yet'}`);
  }
  for (const file of ran) for (const line of targets.get(file) ?? []) console.log(`  ${file}: ${line}`);
}
console.log('\n── every other target');
for (const [file, lines] of targets) {
  if (RAISED.some(([, pattern]) => pattern.test(file))) continue;
  for (const line of lines) console.log(`  ${file}: ${line}`);
}
console.log();
if (failed > 0) {
  console.error(`${failed} benchmark(s) failed to run`);
  process.exit(1);
}
