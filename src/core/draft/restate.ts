import { isClearSpeaker } from './attribution.ts';
import type { SentenceFacts } from './facts.ts';
import { capitalise, stripFinalStop } from './text.ts';
import type { Token } from './types.ts';

// A true statement for "true / false / not given" says what its sentence says in other words, so
// that a student who matches words without reading cannot answer it. Every rewrite here only
// moves, drops or re-spells words of the sentence (and adds "according to"), so the statement
// stays true: it never brings in a content word the sentence does not have. When no rewrite is
// safe, the sentence's main clause is used alone, and only as a last resort the sentence itself.

export type RestateStep = 'reported-speech' | 'leading-phrase' | 'relative-clause' | 'modifier' | 'main-clause' | 'number-words' | 'copy';

export interface Restatement {
  /** The statement, with its final full stop. */
  text: string;
  /** What was done, in order; ['copy'] when the sentence is used as it stands. */
  steps: RestateStep[];
}

const CONNECTIVE = /^(?:However|But|And|Meanwhile|Still|Yet|Also|Instead|Moreover|Indeed|Nevertheless|Even so|Besides|Furthermore),?\s+/u;
const INLINE_CONNECTIVE = /,\s*however,/gu;
/** "EDINBURGH, United Kingdom (AFP) — ", "OROVILLE, Calif. — ": where the report was filed. */
const DATELINE = /^\p{Lu}{2,}[\p{Lu} .'-]*(?:,[^—–]{1,40}?)?\s*(?:\([\p{Lu}\p{Ll} ]{2,20}\))?\s*[—–]\s*/u;
const REPORTING = '(?:said|says|told reporters|told media|told the [\\p{L}]+|announced|reported|confirmed|added)';
const WHEN =
  '(?:\\s+(?:on\\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|last (?:week|month|night)|in a statement))*';
/** "…, the Division of Forestry said Friday" */
const CLAIM_THEN_SPEAKER = new RegExp(`^(?<claim>[^“”"]{20,}?),\\s+(?<speaker>[^,“”"]{2,60}?)\\s+${REPORTING}${WHEN}$`, 'u');
/** "…, said Fire Marshal Ken Bell" */
const CLAIM_THEN_SAID = new RegExp(`^(?<claim>[^“”"]{20,}?),\\s+said\\s+(?<speaker>[^,“”"]{2,60}?)${WHEN}$`, 'u');
/** "Milloy says officials will always try …", "Fire Marshal Ken Bell said at least one person …" */
const SPEAKER_THEN_CLAIM = new RegExp(`^(?<speaker>[^,“”"]{2,60}?)\\s+${REPORTING}${WHEN}(?:\\s+that)?\\s+(?<claim>[^“”"]{20,})$`, 'u');
const ACCORDING_FIRST = /^According to (?<speaker>[^,“”"]{2,80}?),\s+(?<claim>[^“”"]{20,})$/u;
const ACCORDING_LAST = /^(?<claim>[^“”"]{20,}?),\s+according to (?<speaker>[^,“”"]{2,80}?)$/u;
/** "In a final vote Tuesday night, the Finance Committee approved …" */
const LEADING_PHRASE =
  /^(?<lead>(?:In|On|At|By|After|Before|During|Since|Early|Late|Last|This|Earlier|Later|Until|Following|Within|Over|With|When|While|Though|Although|Because|Once|Despite|Amid|Under|Across|Along|Near|Through)\s[^,“”"]{2,60}),\s+(?<rest>[^“”"]{15,})$/u;
/** ", who is staying in her Scottish home …," and ", which had been hit by flooding …" at the end. */
const RELATIVE = /,\s+(?:who|which|whose)\s+[^,;“”"()—–]+?(,|$)/gu;
const CLAUSE_BREAK = /;\s+|,\s+(?:and|but|while)\s+/u;
const TRAILING_PRONOUN_SAID = /,\s+(?:he|she|they|it|officials|police)\s+(?:said|says|added)$/u;

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** The sentence with what a statement never needs: a dateline, a leading connective, its final stop. */
export function tidySentence(text: string): string {
  return stripFinalStop(text.replace(DATELINE, '').replace(CONNECTIVE, '').replace(INLINE_CONNECTIVE, ''));
}

export function restateSentence(facts: SentenceFacts): Restatement {
  const steps: RestateStep[] = [];
  let body = capitalise(tidySentence(facts.sentence.text));
  const tokenAt = (word: string): Token | undefined => facts.tokens.find((token) => token.text === word);
  const hasVerb = (part: string) => words(part).some((word) => tokenAt(word)?.pos === 'verb' || tokenAt(word)?.pos === 'modal');

  // A relative clause adds to a name; without it the statement is shorter and still true. "X, who
  // …, sent her condolences": the clause goes with both its commas, but only when a verb follows
  // (otherwise the commas may be a list's).
  const withoutRelative = body.replace(RELATIVE, (clause: string, close: string, offset: number, whole: string) => {
    if (close === '') return '';
    const next = /^\s+(\S+)/u.exec(whole.slice(offset + clause.length))?.[1];
    return next && tokenAt(next)?.pos === 'verb' ? '' : clause;
  });
  if (withoutRelative !== body && wordCount(withoutRelative) >= 6) {
    body = withoutRelative;
    steps.push('relative-clause');
  }

  // An apposition or a trailing participle phrase only adds detail: "Chisana, a tiny, remote
  // settlement …, is the community closest …" says "Chisana is the community closest …".
  const trimmed = dropModifiers(body, tokenAt);
  if (trimmed !== body && wordCount(trimmed) >= 6) {
    body = trimmed;
    steps.push('modifier');
  }

  const turned = turnReportedSpeech(body, facts) ?? moveLeadingPhrase(body, hasVerb);
  if (turned) {
    body = turned.text;
    steps.push(turned.step);
  } else if (steps.length === 0) {
    const clause = mainClause(body, facts, hasVerb);
    if (clause) {
      body = clause;
      steps.push('main-clause');
    }
  }
  if (steps.length === 0) steps.push('copy');
  return { text: `${capitalise(body)}.`, steps };
}

/** Small whole numbers the other way round ("three" for "3", "12" for "twelve"), once. */
export function respellNumber(statement: string, facts: SentenceFacts): string | undefined {
  for (const amount of facts.amounts) {
    if (!amount.counted) continue;
    const core = amount.core.text;
    const lower = core.toLowerCase();
    const asWord = /^\d{1,2}$/u.test(core) ? NUMBER_WORDS[Number(core)] : undefined;
    const asDigits = NUMBER_WORDS.indexOf(lower);
    const replacement = asWord ?? (asDigits >= 2 ? String(asDigits) : undefined);
    if (!replacement || Number(core) < 2) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N},.#-])${escape(core)}(?![\\p{L}\\p{N}-]|[.,]\\d)`, 'gu');
    const found = [...statement.matchAll(pattern)];
    // Never as the statement's first word: "2 main bridges washed away" reads badly.
    if (found.length !== 1 || found[0]!.index === 0) continue;
    const at = found[0]!.index;
    return statement.slice(0, at) + replacement + statement.slice(at + core.length);
  }
  return undefined;
}

function turnReportedSpeech(body: string, facts: SentenceFacts): { text: string; step: RestateStep } | undefined {
  const clear = (speaker: string) => {
    const start = facts.sentence.text.indexOf(speaker);
    return start >= 0 && isClearSpeaker(speaker, start, facts.tokens, facts.entities);
  };
  for (const pattern of [CLAIM_THEN_SPEAKER, CLAIM_THEN_SAID, SPEAKER_THEN_CLAIM]) {
    const groups = pattern.exec(body)?.groups;
    if (!groups?.speaker || !groups.claim) continue;
    const speaker = groups.speaker.trim();
    if (!clear(speaker) || /[“”"]/u.test(groups.claim)) continue;
    return { text: `According to ${lowerArticle(speaker)}, ${lowerFirst(groups.claim, facts)}`, step: 'reported-speech' };
  }
  const first = ACCORDING_FIRST.exec(body)?.groups;
  if (first?.speaker && first.claim) return { text: `${capitalise(first.claim)}, according to ${first.speaker}`, step: 'reported-speech' };
  const last = ACCORDING_LAST.exec(body)?.groups;
  if (last?.speaker && last.claim) {
    return { text: `According to ${last.speaker}, ${lowerFirst(last.claim, facts)}`, step: 'reported-speech' };
  }
  return undefined;
}

function moveLeadingPhrase(body: string, hasVerb: (part: string) => boolean): { text: string; step: RestateStep } | undefined {
  const groups = LEADING_PHRASE.exec(body)?.groups;
  if (!groups?.lead || !groups.rest) return undefined;
  const { lead, rest } = groups;
  // "In San Marcos, Texas, a city …": what follows the comma must be a clause of its own, and a
  // phrase put at the end of two joined clauses would attach to the second only. A leading clause
  // ("With the wind shift not expected until Friday, …") moves as well as a phrase does.
  const head = rest.split(',')[0]!;
  if (!hasVerb(head) || /,\s+(?:and|but|while|as)\s|;/u.test(rest)) return undefined;
  return { text: `${capitalise(rest)} ${lead.charAt(0).toLowerCase()}${lead.slice(1)}`, step: 'leading-phrase' };
}

function mainClause(body: string, facts: SentenceFacts, hasVerb: (part: string) => boolean): string | undefined {
  const parts = body.split(CLAUSE_BREAK);
  if (parts.length < 2) {
    const trimmed = body.replace(TRAILING_PRONOUN_SAID, '');
    return trimmed !== body && wordCount(trimmed) >= 5 && hasVerb(trimmed) ? trimmed : undefined;
  }
  // The clause that carries the sentence's names and numbers: "between 350 and 400 homes … are
  // gone", not "Crews are still surveying damage, she said".
  let best: { clause: string; weight: number } | undefined;
  for (const part of parts) {
    const clause = part.replace(TRAILING_PRONOUN_SAID, '').trim();
    if (wordCount(clause) < 5 || !hasVerb(clause) || /^(?:he|she|it|they|this|that|these|those)\b/iu.test(clause)) continue;
    const weight =
      facts.entities.filter((entity) => clause.includes(entity.text)).length +
      facts.amounts.filter((amount) => clause.includes(amount.span.text)).length;
    if (!best || weight > best.weight) best = { clause, weight };
  }
  return best?.clause;
}

const OPENING_APPOSITION = /^((?:\p{Lu}[\p{L}’'.-]*\s?){1,4}),\s+(?:a|an|the)\s/u;
const CLOSING_APPOSITION = /(?<=\p{Lu}[\p{L}’'.-]*),\s+(?:a|an)\s+[^,;“”"()]+$/u;
const CLOSING_WITH = /,\s+with\s+[^;“”"()]+$/u;
const CLOSING_PARTICIPLE = /,\s+(\p{Ll}+ing)\s+[^;“”"]+$/u;

function dropModifiers(body: string, tokenAt: (word: string) => Token | undefined): string {
  let result = body;
  const opening = OPENING_APPOSITION.exec(result);
  if (opening) {
    // The apposition ends at the first comma followed by the name's verb.
    for (const comma of result.slice(opening[0].length).matchAll(/,\s+(\S+)/gu)) {
      const word = comma[1]!;
      if (tokenAt(word)?.pos !== 'verb' || /^(?:said|says)$/u.test(word)) continue;
      result = `${opening[1]!.trim()} ${result.slice(opening[0].length + comma.index + comma[0].length - word.length)}`;
      break;
    }
  }
  result = result.replace(CLOSING_APPOSITION, '').replace(CLOSING_WITH, '');
  const participle = CLOSING_PARTICIPLE.exec(result);
  if (participle && tokenAt(participle[1]!)?.pos !== 'noun') result = result.slice(0, participle.index);
  return result;
}

/** "The Division of Forestry" inside a sentence is "the Division of Forestry". */
function lowerArticle(speaker: string): string {
  return speaker.replace(/^The\s/u, 'the ');
}

/** The claim's first letter lowered, unless it starts a name, an acronym or "I". */
function lowerFirst(claim: string, facts: SentenceFacts): string {
  const word = /^\S+/u.exec(claim)?.[0] ?? '';
  const token = facts.tokens.find((candidate) => candidate.text === word.replace(/[,;:]$/u, ''));
  const named = facts.entities.some((entity) => claim.startsWith(entity.text));
  if (named || token?.pos === 'proper' || word === 'I' || /^\p{Lu}{2,}/u.test(word) || /^\p{Lu}\p{Ll}*\p{Lu}/u.test(word)) return claim;
  return claim.charAt(0).toLowerCase() + claim.slice(1);
}

function words(text: string): string[] {
  return text.split(/\s+/u).map((word) => word.replace(/^[“"‘(]+|[”"’),.;:!?]+$/gu, ''));
}

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
