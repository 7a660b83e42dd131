// Which NLP package the drafter uses, measured: compromise 14 against wink-nlp with its
// English lite web model, on real news text (the seed article and the fixture pages). For each:
// size on disk, time to load (import + model) in a fresh process, time to analyse, and what it
// finds: people, places, organisations, numbers, dates, quotations, parts of speech.
//
//   node bench/nlp-choice.bench.ts
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../src/core/article/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function du(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0);
}
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

// Start-up in a fresh process: importing the package and building its model, as the service does once.
function startup(code: string): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    runs.push(Number(out.stdout.trim()));
  }
  return runs.sort((a, b) => a - b)[1] as number;
}

const seed = parseArticle(readFileSync(join(root, 'questions/north-korea-un/article.txt'), 'utf8'));
const pages = readdirSync(join(root, 'tests/fixtures/pages'))
  .filter((name) => name.endsWith('.txt'))
  .map((name) => parseArticle(readFileSync(join(root, 'tests/fixtures/pages', name), 'utf8')));
const text = (article: typeof seed) => article.sentences.map((s) => s.text).join(' ');
const corpus = [seed, ...pages].map(text).join('\n');
const words = corpus.split(/\s+/u).length;

const compromise = (await import('compromise')).default;
const winkNLP = (await import('wink-nlp')).default;
const model = (await import('wink-eng-lite-web-model')).default;
const nlp = winkNLP(model);
const its = nlp.its;

function time(fn: () => void): number {
  fn();
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    fn();
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[2] as number;
}

console.log(`corpus: the seed article and ${pages.length} fixture pages, ${words} words`);
console.log('');
console.log('size on disk (package + model):');
console.log(
  `  compromise                         ${mb(du(join(root, 'node_modules/compromise')))} (its built ESM file ${mb(statSync(join(root, 'node_modules/compromise/builds/three/compromise-three.mjs')).size)})`,
);
console.log(
  `  wink-nlp + wink-eng-lite-web-model ${mb(du(join(root, 'node_modules/wink-nlp')) + du(join(root, 'node_modules/wink-eng-lite-web-model')))}`,
);
console.log('');
console.log('start-up in a fresh process (import and model), median of 3:');
const base = startup(`const t=performance.now(); await import('node:fs'); console.log(performance.now()-t)`);
console.log(
  `  compromise                         ${startup(`const t=performance.now(); const c=(await import('compromise')).default; c('Warm up.').json(); console.log(performance.now()-t)`).toFixed(0)} ms`,
);
console.log(
  `  wink-nlp + model                   ${startup(`const t=performance.now(); const w=(await import('wink-nlp')).default; const m=(await import('wink-eng-lite-web-model')).default; w(m).readDoc('Warm up.'); console.log(performance.now()-t)`).toFixed(0)} ms`,
);
console.log(`  (an empty import for comparison    ${base.toFixed(1)} ms)`);
console.log('');

const tC = time(() => {
  const doc = compromise(corpus);
  doc.people().out('array');
  doc.places().out('array');
  doc.organizations().out('array');
  doc.numbers().out('array');
  doc.quotations().out('array');
});
const tW = time(() => {
  const doc = nlp.readDoc(corpus);
  doc.entities().out(its.detail);
  doc.tokens().out(its.pos);
});
console.log(`analysis of the whole corpus (${words} words), median of 5:`);
console.log(`  compromise (people, places, orgs, numbers, quotations)  ${tC.toFixed(0)} ms`);
console.log(`  wink-nlp (entities, parts of speech)                    ${tW.toFixed(0)} ms`);
console.log('');

// What each finds in the seed article.
const seedText = text(seed);
const c = compromise(seedText);
const show = (list: string[]) => [...new Set(list.map((s) => s.replace(/[.,;:'"“”’]+$/u, '').trim()))].join(' | ');
console.log('compromise on the seed article:');
console.log(`  people:        ${show(c.people().out('array'))}`);
console.log(`  places:        ${show(c.places().out('array'))}`);
console.log(`  organisations: ${show(c.organizations().out('array'))}`);
console.log(`  numbers:       ${show(c.numbers().out('array'))}`);
console.log(`  dates:         ${show(c.match('#Date+').out('array'))}`);
console.log(`  quotations:    ${c.quotations().length}`);
console.log(`  nouns/verbs/adjectives: ${c.nouns().length}/${c.verbs().length}/${c.adjectives().length}`);
console.log('');
const w = nlp.readDoc(seedText);
const byType = new Map<string, string[]>();
for (const e of w.entities().out(its.detail) as { value: string; type: string }[])
  byType.set(e.type, [...(byType.get(e.type) ?? []), e.value]);
const pos = w.tokens().out(its.pos) as string[];
console.log('wink-nlp on the seed article (its lite model has no person/place/organisation entities):');
for (const [type, values] of byType) console.log(`  ${type.padEnd(13)}  ${show(values)}`);
console.log(
  `  proper nouns (PROPN tokens): ${show(
    w
      .tokens()
      .filter((t) => t.out(its.pos) === 'PROPN')
      .out() as string[],
  )}`,
);
console.log(
  `  nouns/verbs/adjectives: ${pos.filter((p) => p === 'NOUN').length}/${pos.filter((p) => p === 'VERB').length}/${pos.filter((p) => p === 'ADJ').length}`,
);
