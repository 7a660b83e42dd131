import type { Question } from '../bank/schema.ts';
import { datePosition } from './amounts.ts';
import { KeyPositions, pickDistractors } from './distractors.ts';
import { TITLES, type ArticleFacts, type SentenceFacts } from './facts.ts';
import type { Random } from './random.ts';
import { respellNumber, restateSentence, tidySentence } from './restate.ts';
import { capitalise, firstWords, occursIn, quoted, stripFinalStop, uniqueSlugs } from './text.ts';
import type { Draft, DraftGenerator, EntityKind, Span } from './types.ts';

// One function per kind of question. Each reads the sentence facts and returns candidate drafts
// with a score; ranking (rank.ts) drops repeats and picks the best. Every question quotes its
// evidence sentences exactly, so the checker resolves them.

export interface GeneratorContext {
  facts: ArticleFacts;
  random: Random;
  keys: KeyPositions;
}

type Candidate = Omit<Draft, 'paragraphId'>;

const where = (facts: SentenceFacts) => `paragraph ${facts.paragraphNumber}`;
const Where = (facts: SentenceFacts) => `Paragraph ${facts.paragraphNumber}`;
const pct = (value: number) => Math.max(1, Math.min(100, Math.round(value * 100)));
const idOf = (prefix: string, facts: SentenceFacts, suffix = '') => `${prefix}-${facts.sentence.id.replace('.', '-')}${suffix}`;

function candidate(
  generator: DraftGenerator,
  question: Question,
  score: number,
  sources: readonly SentenceFacts[],
  facts: string[],
): Candidate {
  return {
    generator,
    question: { ...question, drafted: true },
    score: pct(score),
    sentenceIds: sources.map((source) => source.sentence.id),
    facts,
  };
}

function replaceSpans(text: string, spans: readonly Span[], replacement: (span: Span, index: number) => string): string {
  let out = '';
  let at = 0;
  [...spans]
    .sort((a, b) => a.start - b.start)
    .forEach((span, index) => {
      out += text.slice(at, span.start) + replacement(span, index);
      at = span.end;
    });
  return out + text.slice(at);
}

function entityPool(ctx: GeneratorContext, kinds: readonly EntityKind[]): string[] {
  return kinds.flatMap((kind) => ctx.facts.entitiesByKind.get(kind) ?? []);
}

/** Every value of one kind in the article, worked out once per article (generators ask per span). */
const pools = new WeakMap<ArticleFacts, Map<Span['kind'], string[]>>();

function sameKindPool(ctx: GeneratorContext, span: Span): string[] {
  let byKind = pools.get(ctx.facts);
  if (!byKind) pools.set(ctx.facts, (byKind = new Map()));
  let pool = byKind.get(span.kind);
  if (!pool) byKind.set(span.kind, (pool = kindPool(ctx, span)));
  return pool;
}

function kindPool(ctx: GeneratorContext, span: Span): string[] {
  switch (span.kind) {
    case 'person':
      return entityPool(ctx, ['person']);
    case 'organisation':
      return entityPool(ctx, ['organisation']);
    case 'place':
      return entityPool(ctx, ['place']);
    case 'number':
      return ctx.facts.sentences.flatMap((facts) => facts.amounts.map((amount) => amount.core.text));
    case 'date':
      return ctx.facts.sentences.flatMap((facts) => facts.dates.map((date) => date.text));
    case 'term':
      return ctx.facts.sentences.flatMap((facts) => facts.terms.map((term) => term.text));
  }
}

const factKey = (facts: SentenceFacts, span: Span) =>
  `${span.kind === 'term' ? 'term' : 'fact'}:${facts.sentence.id}:${span.text.toLowerCase()}`;

/** The spans of a sentence worth asking about, most telling first. */
function keySpans(facts: SentenceFacts): Span[] {
  const numbers = facts.amounts.map((amount) => amount.core);
  return [...numbers, ...facts.entities, ...facts.dates, ...facts.terms.slice().sort((a, b) => b.text.length - a.text.length)];
}

/**
 * Whether another word of the same name stands just before the span ("Queen Elizabeth II",
 * "Fire Marshal Ken Bell"): putting another name in its place would read "Queen Boris Johnson".
 */
function afterCapitalisedWord(facts: SentenceFacts, span: Span): boolean {
  const before = facts.sentence.text.slice(0, span.start);
  const match = /(\S+)\s+$/u.exec(before);
  if (!match) return false;
  if (TITLES.has(match[1]!.replace(/\.$/u, ''))) return true;
  const initial = /^[\s“"‘(]*$/u.test(before.slice(0, match.index));
  return !initial && /^\p{Lu}[\p{L}.-]*$/u.test(match[1]!);
}

/** Spans that may be swapped or blanked out for options of the same kind. */
function replaceableSpans(facts: SentenceFacts): Span[] {
  const ranges = new Set(facts.amounts.filter((amount) => amount.range).map((amount) => amount.core.start));
  return keySpans(facts).filter(
    (span) => span.kind !== 'term' && !(span.kind === 'number' && ranges.has(span.start)) && !afterCapitalisedWord(facts, span),
  );
}

/**
 * The pool an entity is swapped from. A name with ordinary words in it ("Jhansi hospital", "the
 * Interior city") describes a kind of thing: only names ending in the same word may stand in
 * for it, so "rushed to Jhansi hospital" never becomes "rushed to Railway Board".
 */
function swapPool(ctx: GeneratorContext, span: Span): string[] {
  const pool = sameKindPool(ctx, span);
  if (span.kind === 'number' || span.kind === 'date') return pool;
  const words = span.text.split(/\s+/u);
  const head = words[words.length - 1]!;
  const descriptive = words.some((word, index) => index > 0 && /^\p{Ll}/u.test(word) && !/^(?:of|the|and|for|de|von|van)$/u.test(word));
  if (!descriptive && /^\p{Lu}/u.test(head)) return pool;
  return pool.filter((candidate) => candidate.split(/\s+/u).pop()?.toLowerCase() === head.toLowerCase());
}

// ---- cloze ------------------------------------------------------------------------------------

export function clozeDrafts(ctx: GeneratorContext): Candidate[] {
  const drafts: Candidate[] = [];
  for (const facts of ctx.facts.sentences) {
    if (!facts.clozeSource || facts.words < 8) continue;
    const wanted = facts.words < 15 ? 1 : facts.words < 28 ? 2 : 3;
    const chosen: Span[] = [];
    const kinds = new Set<string>();
    // Different kinds first (a name, a number, a term), then whatever is left.
    for (const pass of [0, 1]) {
      for (const span of keySpans(facts)) {
        if (chosen.length >= wanted) break;
        if (pass === 0 && kinds.has(span.kind)) continue;
        if (chosen.some((other) => other.start < span.end + 2 && span.start < other.end + 2)) continue;
        if (span.text.length < 2) continue;
        chosen.push(span);
        kinds.add(span.kind);
      }
    }
    const named = chosen.filter((span) => span.kind !== 'term').length;
    if (chosen.length === 0 || named === 0) continue;
    const ids = chosen.map((_, index) => `gap-${index + 1}`);
    const ordered = [...chosen].sort((a, b) => a.start - b.start);
    const text = replaceSpans(facts.sentence.text, ordered, (_, index) => `{{${ids[index]}}}`);
    const gaps = ordered.map((span, index) => ({ id: ids[index]!, accepted: acceptedForms(span) }));
    const question: Question = {
      id: idOf('cloze', facts),
      type: 'cloze',
      skill: 'detail',
      difficulty: ordered.length >= 3 ? 'hard' : ordered.length === 2 ? 'medium' : 'easy',
      points: ordered.length,
      prompt: `Complete the sentence from ${where(facts)} with words from the article.`,
      text,
      gaps,
      evidence: [facts.sentence.text],
      explanation: `${Where(facts)} says: ${quoted(facts.sentence.text)}`,
    };
    drafts.push(
      candidate(
        'cloze',
        question,
        facts.score * 0.85,
        [facts],
        ordered.map((span) => factKey(facts, span)),
      ),
    );
  }
  return drafts;
}

function acceptedForms(span: Span): string[] {
  const forms = [span.text];
  if (span.kind === 'number' && /^\d{1,3}(,\d{3})+$/u.test(span.text)) forms.push(span.text.replace(/,/gu, ''));
  if (/^the\s/iu.test(span.text)) forms.push(span.text.replace(/^the\s+/iu, ''));
  return forms;
}

// ---- who said it ------------------------------------------------------------------------------

export function whoSaidItDrafts(ctx: GeneratorContext): Candidate[] {
  const said = ctx.facts.sentences.filter((facts) => facts.attribution);
  if (said.length === 0) return [];
  const speakers = said.map((facts) => capitalise(facts.attribution!.speaker));
  const evidence = said.map((facts) => facts.sentence.text);
  const statementText = (facts: SentenceFacts) => {
    const attribution = facts.attribution!;
    return attribution.quoted ? quoted(firstWords(attribution.statement, 22)) : `That ${firstWords(attribution.statement, 22)}`;
  };
  // Someone who could have said it: never a name the article also reads as a place, nor one that
  // ends like a place ("Elliott Highway"), which compromise sometimes tags as a person or a body.
  const places = new Set(entityPool(ctx, ['place']).map((name) => name.toLowerCase()));
  const otherVoices = entityPool(ctx, ['person', 'organisation']).filter(
    (name) => !speakers.some((speaker) => occursIn(name, speaker)) && !places.has(name.toLowerCase()) && !PLACE_WORD.test(name),
  );

  if (said.length === 1) {
    const facts = said[0]!;
    const key = speakers[0]!;
    const distractors = pickDistractors(key, otherVoices, evidence, 3, ctx.random);
    if (distractors.length < 2) return [];
    const { options, keyIndex } = ctx.keys.place(key, distractors);
    const ids = uniqueSlugs(options, 'speaker');
    return [
      candidate(
        'who-said-it',
        {
          id: idOf('who-said', facts),
          type: 'single-choice',
          skill: 'quotation',
          difficulty: 'easy',
          points: 1,
          prompt: `Who ${pastTense(facts.attribution!.verb)} this, according to ${where(facts)}? ${statementText(facts)}`,
          options: options.map((text, index) => ({ id: ids[index]!, text })),
          correct: ids[keyIndex]!,
          evidence: [facts.sentence.text],
          explanation: `${Where(facts)} ties the words to ${facts.attribution!.speaker}: ${quoted(facts.sentence.text)}`,
        },
        0.6 + facts.score * 0.3,
        [facts],
        [`said:${facts.sentence.id}`],
      ),
    ];
  }

  const chosen = said.slice(0, 5);
  const left = chosen.map(statementText);
  const leftIds = uniqueSlugs(left, 'statement');
  const uniqueSpeakers: string[] = [];
  for (const speaker of chosen.map((facts) => capitalise(facts.attribution!.speaker))) {
    if (!uniqueSpeakers.some((known) => known.toLowerCase() === speaker.toLowerCase())) uniqueSpeakers.push(speaker);
  }
  const extra = pickDistractors(uniqueSpeakers.join(' '), otherVoices, evidence, Math.min(3, 8 - uniqueSpeakers.length), ctx.random).filter(
    (name) => !uniqueSpeakers.some((speaker) => occursIn(name, speaker) || occursIn(speaker, name)),
  );
  const right = ctx.random.shuffle([...uniqueSpeakers, ...extra]);
  const rightIds = uniqueSlugs(right, 'speaker');
  const rightIdOf = (speaker: string) => rightIds[right.findIndex((known) => known.toLowerCase() === speaker.toLowerCase())]!;
  const unused = right.length - uniqueSpeakers.length;
  const question: Question = {
    id: 'who-said-it',
    type: 'matching',
    skill: 'quotation',
    difficulty: 'medium',
    points: chosen.length,
    prompt: `Match each statement with who makes it in the article.${unused > 0 ? ` ${unused === 1 ? 'One of the choices is' : `${capitalise(numberWord(unused))} of the choices are`} not used.` : ''}`,
    left: left.map((text, index) => ({ id: leftIds[index]!, text })),
    right: right.map((text, index) => ({ id: rightIds[index]!, text })),
    pairs: chosen.map((facts, index) => ({ left: leftIds[index]!, right: rightIdOf(capitalise(facts.attribution!.speaker)) })),
    evidence: chosen.map((facts) => facts.sentence.text),
    explanation: chosen.map((facts) => `${Where(facts)}: ${quoted(facts.sentence.text)}`).join(' '),
  };
  return [
    candidate(
      'who-said-it',
      question,
      0.9,
      chosen,
      chosen.map((facts) => `said:${facts.sentence.id}`),
    ),
  ];
}

const PLACE_WORD =
  /\b(?:Highway|Highways|Road|Street|Avenue|Lane|River|Creek|County|City|Lake|Park|Mountain|Valley|Bridge|Station|Airport|Island|Bay|Beach|Square|Cabin|Canyon|Forest|Preserve|Refuge)s?$/iu;

function pastTense(verb: string): string {
  if (verb === 'according to') return 'said';
  if (/s$/u.test(verb) && !/ss$/u.test(verb))
    return { says: 'said', tells: 'told', writes: 'wrote' }[verb] ?? verb.replace(/s$/u, 'ed').replace(/eed$/u, 'ed');
  if (
    /^(assertion|claim|allegation|warning|statement|insistence|accusation|admission|announcement|conclusion|finding|belief|view)$/u.test(
      verb,
    )
  )
    return 'said';
  return verb;
}

function numberWord(n: number): string {
  return ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'][n] ?? String(n);
}

// ---- numbers ----------------------------------------------------------------------------------

export function numberDrafts(ctx: GeneratorContext): Candidate[] {
  const drafts: Candidate[] = [];
  const counted = ctx.facts.sentences.flatMap((facts) =>
    facts.amounts.filter((amount) => amount.counted).map((amount) => ({ facts, amount, counted: amount.counted! })),
  );
  // Matching: each amount with what it counts.
  const distinct = counted.filter(
    (entry, index) =>
      counted.findIndex((other) => other.amount.span.text.toLowerCase() === entry.amount.span.text.toLowerCase()) === index &&
      counted.findIndex((other) => other.counted.toLowerCase() === entry.counted.toLowerCase()) === index,
  );
  if (distinct.length >= 2) {
    const chosen = distinct.slice(0, 6);
    const spare = distinct.slice(6, 7);
    const left = chosen.map((entry) => capitalise(entry.amount.span.text));
    const leftIds = uniqueSlugs(left, 'amount');
    const describe = (counted: string) => capitalise(counted.replace(/^of\s+/u, 'part of '));
    const right = ctx.random.shuffle([...chosen, ...spare].map((entry) => describe(entry.counted)));
    const rightIds = uniqueSlugs(right, 'counts');
    const sources = [...new Set(chosen.map((entry) => entry.facts))];
    const question: Question = {
      id: 'numbers',
      type: 'matching',
      skill: 'detail',
      difficulty: 'medium',
      points: chosen.length,
      prompt: `Match each number or amount from the article with what it describes.${spare.length > 0 ? ' One of the descriptions is not used.' : ''}`,
      left: left.map((text, index) => ({ id: leftIds[index]!, text })),
      right: right.map((text, index) => ({ id: rightIds[index]!, text })),
      pairs: chosen.map((entry, index) => ({ left: leftIds[index]!, right: rightIds[right.indexOf(describe(entry.counted))]! })),
      evidence: sources.map((facts) => facts.sentence.text),
      explanation: chosen
        .map(
          (entry) =>
            `${Where(entry.facts)}: “…${entry.amount.span.text} ${entry.counted.replace(/ of (a|an|the|its|their|his|her) .*$/u, '')}…”`,
        )
        .join(' '),
    };
    drafts.push(
      candidate(
        'numbers',
        question,
        0.95,
        sources,
        chosen.map((entry) => factKey(entry.facts, entry.amount.core)),
      ),
    );
  }
  // Short answer: how many, answered with the number as the article writes it.
  for (const { facts, amount, counted: what } of counted) {
    if (!amount.digits || !facts.factSource) continue;
    // "Six people were hospitalized … just 12 people were on board": which number is meant?
    const head = headNoun(what);
    if (facts.amounts.some((other) => other !== amount && other.counted && headNoun(other.counted) === head)) continue;
    const qualifier = amount.span.text.slice(0, amount.span.text.length - amount.core.text.length).trim();
    const prompt = `${capitalise(where(facts))} gives a number for ${what}${qualifier ? ` (${qualifier} …)` : ''}. What is it? Answer with a number.`;
    const accepted = [amount.core.text, ...(amount.digits !== amount.core.text ? [amount.digits] : [])];
    drafts.push(
      candidate(
        'short-answer',
        {
          id: idOf('how-many', facts, `-${amount.digits}`),
          type: 'short-answer',
          skill: 'detail',
          difficulty: 'easy',
          points: 1,
          prompt,
          accepted,
          evidence: [facts.sentence.text],
          explanation: `${Where(facts)} says: ${quoted(facts.sentence.text)}`,
        },
        facts.score * 0.9,
        [facts],
        [factKey(facts, amount.core), `prompt:${prompt.replace(/^Paragraph \d+ /u, '').toLowerCase()}`],
      ),
    );
  }
  return drafts;
}

function headNoun(phrase: string): string {
  return (
    phrase
      .replace(/ of .*$/u, '')
      .split(/\s+/u)
      .pop() ?? ''
  ).toLowerCase();
}

// ---- true / false / not given -----------------------------------------------------------------

const CONNECTIVE = /^(?:However|But|And|Meanwhile|Still|Yet|Also|Instead|Moreover|Indeed|Nevertheless),?\s+/u;
const INLINE_CONNECTIVE = /,\s*however,/gu;
const MODAL = /\b(could|may|might)\s+(?!not\b|have\b|be\b)(\p{Ll}+)/u;
/** A restatement that had to copy its sentence is worth less than one in other words. */
const COPIED = 0.85;

/** `statement` with its one occurrence of `from` (as whole words) replaced by `to`; undefined when not exactly one. */
function swapIn(statement: string, from: string, to: string): string | undefined {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${from.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
  const found = [...statement.matchAll(pattern)];
  if (found.length !== 1) return undefined;
  const at = found[0]!.index;
  const written = at === 0 ? capitalise(to) : to;
  return statement.slice(0, at) + written + statement.slice(at + from.length);
}

export function trueFalseDrafts(ctx: GeneratorContext): Candidate[] {
  const drafts: Candidate[] = [];
  for (const facts of ctx.facts.sentences) {
    if (!facts.factSource || facts.words < 8 || facts.words > 32 || facts.quoteShare > 0.2) continue;
    const text = facts.sentence.text;
    const base = `${capitalise(tidySentence(text))}.`;
    const modal = MODAL.exec(base);
    const modalVerb = modal && facts.tokens.find((token) => token.text === modal[2]);
    // "Not given" only where the text says something may happen and a statement says it will.
    if (modal && modalVerb?.pos === 'verb' && !/\bnot\b|n’t|n't/u.test(base) && !facts.attribution) {
      const statement = base.replace(MODAL, 'will $2');
      drafts.push(
        candidate(
          'true-false',
          {
            id: idOf('tfng', facts),
            type: 'true-false-not-given',
            skill: 'inference',
            difficulty: 'hard',
            points: 1,
            prompt: statement,
            answer: 'not-given',
            evidence: [text],
            explanation: `Not given. ${Where(facts)} says only that this ${modal[1]} happen: ${quoted(text)} It does not say whether it will.`,
          },
          facts.score * 0.75,
          [facts],
          [`sentence:${facts.sentence.id}`],
        ),
      );
      continue;
    }
    const restated = restateSentence(facts);
    const copied = restated.steps.includes('copy');
    const swappable = replaceableSpans(facts).filter((span) => span.kind !== 'date');
    const wantFalse = swappable.length > 0 && ctx.random.next() < 0.55;
    if (wantFalse) {
      let made = false;
      for (const span of swappable) {
        const [swap] = pickDistractors(span.text, swapPool(ctx, span), [text], 1, ctx.random);
        if (!swap) continue;
        // The false statement is the true one with exactly one thing changed.
        const statement = swapIn(restated.text, span.text, swap);
        if (!statement) continue;
        drafts.push({
          ...candidate(
            'true-false',
            {
              id: idOf('tfng', facts),
              type: 'true-false-not-given',
              skill: 'detail',
              difficulty: 'medium',
              points: 1,
              prompt: statement,
              answer: 'false',
              evidence: [text],
              explanation: `False. ${Where(facts)} says ${quoted(span.text)}, not ${quoted(swap)}: ${quoted(text)}`,
            },
            facts.score * 0.8 * (copied ? COPIED : 1),
            [facts],
            [`sentence:${facts.sentence.id}`, factKey(facts, span)],
          ),
          swap: { from: span.text, to: swap },
        });
        made = true;
        break;
      }
      if (made) continue;
    }
    const statement = respellNumber(restated.text, facts) ?? restated.text;
    drafts.push(
      candidate(
        'true-false',
        {
          id: idOf('tfng', facts),
          type: 'true-false-not-given',
          skill: 'detail',
          difficulty: copied ? 'easy' : 'medium',
          points: 1,
          prompt: statement,
          answer: 'true',
          evidence: [text],
          explanation: `True. ${Where(facts)} says: ${quoted(text)}`,
        },
        facts.score * 0.7 * (copied && statement === restated.text ? COPIED : 1),
        [facts],
        [`sentence:${facts.sentence.id}`],
      ),
    );
  }
  return drafts;
}

// ---- detail: single choice and short answer ---------------------------------------------------

const LEADING = /^(?:(?:However|But|And|Meanwhile|Still|Yet|Also),?\s+)?(?:(?:On|In|At|By|Last|This|Earlier|Later)\b[^,]{0,40},\s+)?/u;

export function detailDrafts(ctx: GeneratorContext): Candidate[] {
  const drafts: Candidate[] = [];
  for (const facts of ctx.facts.sentences) {
    if (!facts.factSource || facts.words < 7) continue;
    const text = facts.sentence.text;
    const lead = LEADING.exec(text)?.[0].length ?? 0;
    // "Who …?" when a person or a body opens the sentence: "Pyongyang rejects the inquiry’s findings …"
    const subject = facts.entities.find(
      (entity) => entity.start === lead || (entity.start === lead + 4 && /^the /iu.test(text.slice(lead))),
    );
    if (subject) {
      const rest = stripFinalStop(text.slice(subject.end))
        .replace(/^(?:’s|'s)\s+/u, ' ')
        .trim();
      const verb = facts.tokens.find((token) => token.start >= subject.end);
      if (rest.split(/\s+/u).length >= 4 && verb && (verb.pos === 'verb' || verb.pos === 'modal' || verb.pos === 'adverb')) {
        const prompt = `According to ${where(facts)}, who ${rest}?`;
        const pool = subject.kind === 'place' ? entityPool(ctx, ['place', 'organisation']) : entityPool(ctx, ['person', 'organisation']);
        const key = capitalise(subject.text);
        const distractors = pickDistractors(key, pool, [text], 3, ctx.random).map(capitalise);
        if (distractors.length >= 2) {
          const { options, keyIndex } = ctx.keys.place(key, distractors);
          const ids = uniqueSlugs(options, 'option');
          drafts.push(
            candidate(
              'detail-choice',
              {
                id: idOf('who', facts),
                type: 'single-choice',
                skill: 'detail',
                difficulty: 'easy',
                points: 1,
                prompt,
                options: options.map((option, index) => ({ id: ids[index]!, text: option })),
                correct: ids[keyIndex]!,
                evidence: [text],
                explanation: `${Where(facts)} says: ${quoted(text)}`,
              },
              facts.score * 0.85,
              [facts],
              [factKey(facts, subject)],
            ),
          );
        }
        drafts.push(
          candidate(
            'short-answer',
            {
              id: idOf('who-short', facts),
              type: 'short-answer',
              skill: 'detail',
              difficulty: 'medium',
              points: 1,
              prompt: `${prompt} Use the article’s words.`,
              accepted: [subject.text, ...(/^the\s/iu.test(subject.text) ? [subject.text.replace(/^the\s+/iu, '')] : [])],
              evidence: [text],
              explanation: `${Where(facts)} says: ${quoted(text)}`,
            },
            facts.score * 0.8,
            [facts],
            [factKey(facts, subject)],
          ),
        );
      }
    }
    // Which word completes …: a number, a date or a name, with options of the same kind.
    for (const span of replaceableSpans(facts)) {
      if (span === subject) continue;
      const key = span.text;
      const distractors = pickDistractors(key, swapPool(ctx, span), [text], 3, ctx.random);
      if (distractors.length < 2) continue;
      const { options, keyIndex } = ctx.keys.place(key, distractors);
      const ids = uniqueSlugs(options, 'option');
      const noun = span.kind === 'number' ? 'number' : span.kind === 'date' ? 'time' : 'name';
      drafts.push(
        candidate(
          'detail-choice',
          {
            id: idOf('which', facts, `-${ids[keyIndex]}`),
            type: 'single-choice',
            skill: 'detail',
            difficulty: 'easy',
            points: 1,
            prompt: `Which ${noun} completes this sentence from ${where(facts)}? ${quoted(replaceSpans(text, [span], () => '_____'))}`,
            options: options.map((option, index) => ({ id: ids[index]!, text: option })),
            correct: ids[keyIndex]!,
            evidence: [text],
            explanation: `${Where(facts)} says: ${quoted(text)}`,
          },
          facts.score * 0.75,
          [facts],
          [factKey(facts, span)],
        ),
      );
    }
  }
  return drafts;
}

// ---- ordering ---------------------------------------------------------------------------------

export function orderingDrafts(ctx: GeneratorContext): Candidate[] {
  const events: { facts: SentenceFacts; value: number; kind: 'absolute' | 'relative'; text: string }[] = [];
  for (const facts of ctx.facts.sentences) {
    if (!facts.factSource) continue;
    const dated = facts.dates.map((date) => ({ date, position: datePosition(date.text) })).filter((entry) => entry.position);
    if (dated.length !== 1) continue; // two dates in one sentence: which one is the event's?
    const { date, position } = dated[0]!;
    const withoutDate = replaceSpans(facts.sentence.text, [date], () => '')
      .replace(CONNECTIVE, '')
      .replace(INLINE_CONNECTIVE, '')
      .replace(/\b(on|in|since|by|during)\s+(?=[,.]|$)/gu, '')
      .replace(/\s+([,.;:])/gu, '$1')
      .replace(/^[,\s]+/u, '')
      .replace(/\s{2,}/gu, ' ')
      .replace(/,\s*,/gu, ',');
    events.push({ facts, value: position!.value, kind: position!.kind, text: capitalise(stripFinalStop(firstWords(withoutDate, 16))) });
  }
  const drafts: Candidate[] = [];
  for (const kind of ['absolute', 'relative'] as const) {
    const ofKind = events.filter((event) => event.kind === kind);
    // One event per point in time, so the order is never a matter of opinion.
    const byValue = new Map<number, (typeof ofKind)[number]>();
    for (const event of ofKind) if (!byValue.has(event.value)) byValue.set(event.value, event);
    const distinct = [...byValue.values()].sort((a, b) => a.value - b.value).slice(0, 6);
    if (distinct.length < 3) continue;
    const ids = uniqueSlugs(
      distinct.map((event) => event.text),
      'event',
    );
    const items = ctx.random.shuffle(distinct.map((event, index) => ({ id: ids[index]!, text: event.text })));
    // Never hand the answer over in the order shown.
    if (items.every((item, index) => item.id === ids[index])) items.reverse();
    drafts.push(
      candidate(
        'ordering',
        {
          id: `timeline-${kind}`,
          type: 'ordering',
          skill: 'sequence',
          difficulty: 'medium',
          points: 1,
          prompt: 'Put these events in the order in which they happened, earliest first.',
          items,
          order: ids,
          evidence: distinct.map((event) => event.facts.sentence.text),
          explanation: distinct.map((event) => `${Where(event.facts)}: ${quoted(event.facts.sentence.text)}`).join(' '),
        },
        0.8,
        distinct.map((event) => event.facts),
        distinct.map((event) => `when:${event.facts.sentence.id}`),
      ),
    );
  }
  return drafts;
}

// ---- evidence selection -----------------------------------------------------------------------

export function evidenceSelectionDrafts(ctx: GeneratorContext): Candidate[] {
  const drafts: Candidate[] = [];
  for (const facts of ctx.facts.sentences) {
    const text = facts.sentence.text;
    let shows: string | undefined;
    if (facts.attribution) shows = `shows what ${facts.attribution.speaker} said`;
    else if (facts.factSource) {
      const amount = facts.amounts.find((candidate) => candidate.counted && !/^of\s/u.test(candidate.counted));
      if (amount) {
        const what = amount.counted!.replace(/ of (a|an|the|its|their|his|her) .*$/u, '');
        // "$476 million budget": a sum of money is an amount, not a number of budgets.
        const money = /^[$£€]|\b(?:dollars|pounds|euros)\b/u.test(amount.span.text + ' ' + what);
        shows = money ? `gives the amount of the ${what}` : `gives the number of ${what}`;
      }
    }
    if (!shows) continue;
    drafts.push(
      candidate(
        'evidence-selection',
        {
          id: idOf('find', facts),
          type: 'evidence-selection',
          skill: facts.attribution ? 'quotation' : 'detail',
          difficulty: 'easy',
          points: 1,
          prompt: `Select the sentence that ${shows}.`,
          answer: [text],
          evidence: [text],
          explanation: `${Where(facts)}: ${quoted(text)}`,
        },
        facts.score * 0.7,
        [facts],
        [`locate:${facts.sentence.id}`, `prompt:${shows.toLowerCase()}`],
      ),
    );
  }
  return drafts;
}

export const GENERATORS: readonly ((ctx: GeneratorContext) => Candidate[])[] = [
  whoSaidItDrafts,
  numberDrafts,
  orderingDrafts,
  clozeDrafts,
  trueFalseDrafts,
  detailDrafts,
  evidenceSelectionDrafts,
];
