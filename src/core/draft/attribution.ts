import type { Span, Token } from './types.ts';

// Who said what: a quotation (or a reported claim) tied to a speaker by a reporting verb or
// noun in the same sentence. A pronoun or a missing speaker means "unclear", and no draft.

export interface Attribution {
  /** The words attributed, without their quote marks ("maybe we will take necessary measures"). */
  statement: string;
  /** True when the article puts the statement in quote marks. */
  quoted: boolean;
  /** As written in the sentence, possessive removed ("diplomat Kim Song", "the FBI"). */
  speaker: string;
  /** [start, end) of the speaker in the sentence text. */
  speakerStart: number;
  speakerEnd: number;
  verb: string;
}

const VERBS =
  'said|says|say|told|tells|warned|warns|added|adds|claimed|claims|insisted|insists|explained|explains|stated|states|wrote|writes|argued|argues|asked|asks|declared|declares|announced|announces|admitted|admits|noted|notes|suggested|suggests|alleged|alleges|urged|urges|replied|replies|confirmed|confirms|maintained|maintains|remarked|reported|reports';
const NOUNS = 'assertion|claim|allegation|warning|statement|insistence|accusation|admission|announcement|conclusion|finding|belief|view';
const PRONOUNS = new Set(
  'it he she they we i you this that these those who which one someone somebody anyone everyone nobody there his her their its our'.split(
    ' ',
  ),
);

const OPEN = '[“"]';
const CLOSE = '[”"]';

/** “…,” SPEAKER said …   or   “…,” said SPEAKER. */
const QUOTE_THEN_SPEAKER = new RegExp(
  `${OPEN}(?<statement>[^“”"]{8,}?)[,.!?]?${CLOSE},?\\s+(?<speaker>[^“”",.;:]{2,80}?)\\s+(?<verb>${VERBS})\\b`,
  'u',
);
const QUOTE_THEN_VERB = new RegExp(
  `${OPEN}(?<statement>[^“”"]{8,}?)[,.!?]?${CLOSE},?\\s+(?<verb>${VERBS})\\s+(?<speaker>[^“”",.;:]{2,60}?)\\s*[,.]`,
  'u',
);
/** SPEAKER said: “…”   or   SPEAKER said that “…” */
const SPEAKER_THEN_QUOTE = new RegExp(
  `^(?:[^,“”"]+,\\s+)?(?<speaker>[^,“”":;]{2,80}?)\\s+(?<verb>${VERBS})(?:\\s+that)?[,:]?\\s+${OPEN}(?<statement>[^“”"]{8,}?)[,.!?]?${CLOSE}`,
  'u',
);
/** According to SPEAKER, CLAIM.   or   CLAIM, according to SPEAKER. */
const ACCORDING_FIRST = /^According to (?<speaker>[^,“”"]{2,80}?),\s+(?<statement>[^“”"]{12,}?)[.!?]?$/u;
const ACCORDING_LAST = /^(?<statement>[^“”"]{12,}?),\s+according to (?<speaker>[^,“”"]{2,80}?)[.!?]?$/u;
/** … SPEAKER’s assertion (that) CLAIM, … */
const REPORTING_NOUN = new RegExp(
  `(?<speaker>(?:the\\s+)?(?:\\p{Lu}[\\p{L}-]*\\s+){0,3}\\p{Lu}[\\p{L}-]*)(?:’s|'s)\\s+(?<verb>${NOUNS})\\s+(?:that\\s+)?(?<statement>[^,“”";]{12,}?)(?:,|;|$)`,
  'u',
);

export function findAttribution(text: string, tokens: readonly Token[], entities: readonly Span[]): Attribution | undefined {
  const patterns: [RegExp, boolean][] = [
    [QUOTE_THEN_SPEAKER, true],
    [QUOTE_THEN_VERB, true],
    [SPEAKER_THEN_QUOTE, true],
    [ACCORDING_FIRST, false],
    [ACCORDING_LAST, false],
    [REPORTING_NOUN, false],
  ];
  for (const [pattern, quoted] of patterns) {
    const match = pattern.exec(text);
    const groups = match?.groups;
    if (!match || !groups?.speaker || !groups.statement) continue;
    const speakerRaw = groups.speaker;
    const speakerStart = match.index + match[0].indexOf(speakerRaw);
    const speaker = speakerRaw.replace(/(’s|'s)$/u, '').trim();
    if (!isClearSpeaker(speaker, speakerStart, tokens, entities)) continue;
    const statement = groups.statement.trim().replace(/[,;:]$/u, '');
    if (statement.split(/\s+/u).length < 3) continue;
    return {
      statement,
      quoted,
      speaker,
      speakerStart,
      speakerEnd: speakerStart + speaker.length,
      verb: groups.verb ?? 'according to',
    };
  }
  return undefined;
}

/** A speaker is clear when it names someone: not a pronoun, and holding a noun or a name. */
export function isClearSpeaker(speaker: string, start: number, tokens: readonly Token[], entities: readonly Span[]): boolean {
  const words = speaker.split(/\s+/u);
  if (words.length > 8) return false;
  if (PRONOUNS.has(words[0]!.toLowerCase())) return false;
  if (words.length === 1 && PRONOUNS.has(speaker.toLowerCase())) return false;
  const end = start + speaker.length;
  const inside = tokens.filter((token) => token.start >= start && token.end <= end);
  if (inside.some((token) => token.pos === 'verb' || token.pos === 'modal')) return false;
  if (inside.some((token) => token.pos === 'pronoun' && !/^(its|their)$/iu.test(token.text))) return false;
  const named = entities.some((entity) => entity.start < end && start < entity.end);
  return named || inside.some((token) => token.pos === 'noun' || token.pos === 'proper');
}
