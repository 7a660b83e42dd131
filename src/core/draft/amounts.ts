import type { Span, Token } from './types.ts';

// Numbers and dates found by pattern rather than by the NLP package: the patterns are few, the
// package splits "15-member" and misses "dozens", and a pattern says exactly what it matched.

const SMALL = 'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const WORD_NUMBER = `(?:(?:${TENS})(?:-(?:one|${SMALL}))?|${SMALL}|a hundred|a thousand|(?:${SMALL}|${TENS}) (?:hundred|thousand|million|billion))`;
const FRACTION = '(?:(?:one|two|three|four)-(?:thirds?|quarters?|fifths?)|half|a third|a quarter|a fifth)';
const VAGUE = '(?:dozens|hundreds|thousands|millions|billions|scores)';
const DIGITS = '(?:[$£€]\\s?)?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|(?:[$£€]\\s?)?\\d+(?:\\.\\d+)?';
const SCALE = '(?:\\s?(?:%|per cent|percent|million|billion|trillion|bn|m|k)\\b)?';
const QUALIFIER = '(?:up to|more than|over|under|less than|fewer than|about|around|nearly|almost|at least|roughly|approximately|some) ';

const AMOUNT = new RegExp(
  `(?<![\\p{L}\\p{N}.,:/-])(?<qualifier>${QUALIFIER})?(?<core>${FRACTION}|${DIGITS}${SCALE}|${WORD_NUMBER}|${VAGUE})(?![\\p{L}\\p{N}]|:\\d|,\\d)`,
  'giu',
);

const MONTH = 'January|February|March|April|May|June|July|August|September|October|November|December';
const WEEKDAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const DATE = new RegExp(
  [
    `(?:(?:${WEEKDAY}),? )?\\d{1,2}(?:st|nd|rd|th)? (?:${MONTH})(?:,? \\d{4})?`,
    `(?:${MONTH}) \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?`,
    `(?:early |late |mid-)?(?:${MONTH}) \\d{4}`,
    `(?:in|since|by|until|from|before|after) (?:the )?(?:early |late )?(?:1[89]|20)\\d{2}s?`,
    `(?:yesterday|today|tomorrow)`,
    `(?:last|this|next) (?:week|month|year|weekend|night|morning|summer|winter|spring|autumn)`,
    `(?:earlier|later) this (?:week|month|year)`,
    `(?:${WEEKDAY})`,
    `(?:\\d+|${WORD_NUMBER}|a) (?:days?|weeks?|months?|years?) ago`,
  ].join('|'),
  'gu',
);

/** Words that carry no fact on their own: never a gap, never what an amount counts. */
export const STOP_WORDS = new Set(
  'a an the of to in on at by for from with and or but if as is are was were be been being it its this that these those their there they he she his her him we our you your i me my who whom which what when where why how not no so than then also just only very more most much many some any all each both few other such own same can could may might will would shall should must do does did has have had said says says’ told'.split(
    ' ',
  ),
);

export interface Amount {
  /** The whole amount as written, qualifier included ("up to 120,000"). */
  span: Span;
  /** Without the qualifier ("120,000"): what a short answer or a gap asks for. */
  core: Span;
  /** What it counts ("inmates of a harsh political prison camp system"), when that can be said. */
  counted?: string;
  /** Digits only, for numeric answers: "120000". */
  digits?: string;
  /** One end of a range or a choice ("between 350 and 400 homes", "one or two houses"): no count of its own. */
  range?: boolean;
}

/** "5 p.m.", "0843 GMT", "6.48 AM": a time of day, not an amount. */
const TIME_AFTER = /^\s?(?:a\.m\.?|p\.m\.?|am|pm|AM|PM|GMT|BST|UTC|EST|EDT|PST|PDT|CET|IST)(?![\p{L}])/u;
/** "1 ½ miles": the whole number of a mixed fraction. */
const FRACTION_AFTER = /^\s?[½⅓⅔¼¾⅛]/u;
/** "#362", "No. 5": a number that names something. */
const LABEL_BEFORE = /(?:#|\bNo\.\s?)$/u;
/** "Chisana River 2 fire", "Type 3 team", "Mile 14": a number after a capitalised word is part of a name. */
const NAME_BEFORE = /(?:^|[^.!?]\s)\p{Lu}[\p{L}-]*\s$/u;
/** "between 350 and", "one or", "10 to": the first end of a range or a choice. */
const RANGE_AFTER =
  /^\s(?:or|and|to)\s(?:up to\s)?(?:[$£€]?\d|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|dozens|hundreds|thousands)/iu;
const RANGE_BEFORE = /(?:\bbetween\s|(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\s(?:or|and|to)\s)$/iu;
/** "the evacuation of hundreds of residents": an action, not something the residents belong to. */
const ACTION_OWNER = /(?:tion|sion|ment|ance|ence|ing|al)$/u;

const BARE_UNITS = new Set(
  'years year months month weeks week days day hours hour minutes minute seconds times miles mile feet foot inches inch metres meters kilometres kilometers km kg pounds ounces tonnes tons per cent percent points'.split(
    ' ',
  ),
);
const NOT_COUNTABLE_UNITS = new Set([
  'year',
  'years',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'hour',
  'hours',
  'old',
  'minute',
  'minutes',
]);
const PHRASE_END = new Set(['verb', 'modal', 'adverb', 'pronoun', 'other']);

export function findAmounts(text: string, tokens: readonly Token[], dates: readonly Span[]): Amount[] {
  const amounts: Amount[] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const start = match.index;
    const coreText = match.groups?.core ?? '';
    const qualifier = match.groups?.qualifier ?? '';
    const end = start + match[0].length;
    const coreStart = start + qualifier.length;
    // A year or a date's day is a date, not an amount; "one" is too often a pronoun to trust.
    if (dates.some((date) => date.start < end && coreStart < date.end)) continue;
    if (/^(1[89]|20)\d{2}$/u.test(coreText)) continue;
    const before = text.slice(0, start);
    const after = text.slice(end);
    if (TIME_AFTER.test(after) || FRACTION_AFTER.test(after) || LABEL_BEFORE.test(before)) continue;
    if (/^\d/u.test(coreText) && NAME_BEFORE.test(before)) continue;
    const range = RANGE_AFTER.test(after) || RANGE_BEFORE.test(before);
    const span: Span = { kind: 'number', text: match[0], start, end };
    const core: Span = { kind: 'number', text: coreText, start: coreStart, end };
    const digits = /^\d[\d,]*(\.\d+)?$/u.test(coreText) ? coreText.replace(/,/gu, '') : undefined;
    // "the two nations": a reference to things already named, not a count worth asking about.
    const definite = /\bthe\s$/iu.test(text.slice(0, start)) && !digits && !new RegExp(`^${VAGUE}$`, 'iu').test(coreText);
    const counted = definite || range ? undefined : countedBy(text, tokens, span);
    amounts.push({ span, core, ...(counted && { counted }), ...(digits && { digits }), ...(range && { range }) });
  }
  return amounts;
}

/** The noun phrase an amount counts, from the tokens after it; undefined when there is none. */
function countedBy(text: string, tokens: readonly Token[], amount: Span): string | undefined {
  const rest = text.slice(amount.end);
  // "15-member council": the amount is glued to what it counts.
  const glued = /^-(\p{L}+) (\p{L}+)/u.exec(rest);
  if (glued) {
    const [, unit = '', head = ''] = glued;
    if (NOT_COUNTABLE_UNITS.has(unit.toLowerCase())) return undefined;
    return `${unit}s of the ${head}`;
  }
  if (/^-/u.test(rest)) return undefined; // "23-year-old": an age, not a count

  const after = tokens.filter((token) => token.start >= amount.end);
  const words: Token[] = [];
  let sawNoun = false;
  let relative = 0;
  let ofUsed = false;
  for (const token of after) {
    const between = text.slice(words.length > 0 ? words[words.length - 1]!.end : amount.end, token.start);
    if (/[,;:.!?“”"()–—]/u.test(between)) break;
    const lower = token.text.toLowerCase();
    if (relative > 0) {
      if (lower === 'and' || lower === 'but') break;
      // A relative clause longer than a few words would be cut mid-way ("taxpayers who showed up
      // last month to"): the noun is said without it.
      if (relative > 5) {
        words.length = words.length - relative;
        break;
      }
      words.push(token);
      relative++;
      continue;
    }
    if (words.length === 0 && lower === 'of') {
      words.push(token);
      continue;
    }
    // "years of SNP rule": one "of" phrase after the head noun.
    if (sawNoun && lower === 'of' && !ofUsed) {
      ofUsed = true;
      sawNoun = false;
      words.push(token);
      continue;
    }
    if (sawNoun && (lower === 'who' || lower === 'that' || lower === 'which')) {
      words.push(token);
      relative = 1;
      continue;
    }
    if (token.pos === 'noun' || token.pos === 'proper' || token.pos === 'adjective' || (token.pos === 'determiner' && !sawNoun)) {
      if (sawNoun && token.pos === 'determiner') break;
      if (sawNoun && token.pos === 'adjective') break;
      words.push(token);
      if (token.pos === 'noun' || token.pos === 'proper') sawNoun = true;
      continue;
    }
    if (PHRASE_END.has(token.pos) || token.pos === 'preposition' || token.pos === 'determiner') break;
    break;
  }
  // An "of" that led nowhere ("years of" before a verb) goes; the head noun stays.
  if (!sawNoun && ofUsed) {
    const ofIndex = words.findIndex((token, index) => index > 0 && token.text.toLowerCase() === 'of');
    words.length = ofIndex;
    sawNoun = words.some((token) => token.pos === 'noun' || token.pos === 'proper');
  }
  if (!sawNoun) return undefined;
  // Drop a dangling relative word and the leading "of" the amount needed ("dozens of people").
  while (words.length > 0 && ['who', 'that', 'which', 'the', 'and'].includes(words[words.length - 1]!.text.toLowerCase())) words.pop();
  if (words.length === 0) return undefined;
  let phrase = text.slice(words[0]!.start, words[words.length - 1]!.end);
  const fraction = /^(?:one|two|three|four)-|half|third|quarter|fifth|%|per ?cent/iu.test(amount.text);
  if (!fraction) phrase = phrase.replace(/^of\s+/iu, '');
  if (STOP_WORDS.has(phrase.toLowerCase())) return undefined;
  // "5 feet 10 inches": a measurement in parts, not a count of something; "19 years", "seven
  // miles": a bare unit says too little to match or to ask about.
  if (/\d/u.test(phrase)) return undefined;
  if (BARE_UNITS.has(phrase.toLowerCase())) return undefined;
  // "of up to 120,000 inmates": say what the inmates belong to, from the words just before.
  if (!fraction && phrase.split(' ').length <= 2) {
    const before = text.slice(0, amount.start);
    const owner = /(?:^|\s)((?:a|an|the|its|their|his|her)\s+(?:[\p{L}’'-]+\s+){0,5}?[\p{L}’'-]+)\s+of\s*$/u.exec(before);
    if (owner?.[1] && !ACTION_OWNER.test(owner[1])) phrase = `${phrase} of ${owner[1]}`;
  }
  return phrase;
}

export function findDates(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(DATE)) {
    const raw = match[0];
    const start = match.index;
    spans.push({ kind: 'date', text: raw, start, end: start + raw.length });
  }
  return spans;
}

const MONTHS = MONTH.split('|');
const RELATIVE_DAYS: Record<string, number> = {
  yesterday: -1,
  today: 0,
  tomorrow: 1,
  'last night': -1,
  'this morning': 0,
  'last week': -7,
  'last weekend': -5,
  'earlier this week': -3,
  'this week': 0,
  'later this week': 2,
  'next week': 7,
  'last month': -30,
  'earlier this month': -10,
  'this month': 0,
  'later this month': 10,
  'next month': 30,
  'last year': -365,
  'earlier this year': -100,
  'this year': 0,
  'later this year': 100,
  'next year': 365,
};

/**
 * Where a date falls, for ordering events: an absolute day number for full dates and years, or
 * days from the article's "today" for relative phrases. Weekdays and vague phrases say nothing
 * about order against "yesterday" and get none. Only dates of one kind are ever compared.
 */
export function datePosition(
  text: string,
): { kind: 'absolute' | 'relative'; value: number; precision: 'day' | 'month' | 'year' } | undefined {
  const lower = text
    .toLowerCase()
    .replace(/(’s|'s)$/u, '')
    .trim();
  if (lower in RELATIVE_DAYS) {
    // "this month" and "this year" are too wide to order against a day inside them.
    if (/^this (month|year)$/u.test(lower)) return undefined;
    return { kind: 'relative', value: RELATIVE_DAYS[lower]!, precision: 'day' };
  }
  const ago = /^(\d+|a) (day|week|month|year)s? ago$/u.exec(lower);
  if (ago) {
    const n = ago[1] === 'a' ? 1 : Number(ago[1]);
    const unit = { day: 1, week: 7, month: 30, year: 365 }[ago[2] as 'day' | 'week' | 'month' | 'year'];
    return { kind: 'relative', value: -n * unit, precision: 'day' };
  }
  const year = /(1[89]|20)\d{2}/u.exec(text)?.[0];
  const monthIndex = MONTHS.findIndex((month) => text.includes(month));
  const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)/u.exec(text.replace(/(1[89]|20)\d{2}/u, ''))?.[1];
  if (year === undefined) return undefined;
  if (/\d{4}s/u.test(text)) return { kind: 'absolute', value: Number(year) * 372, precision: 'year' };
  if (monthIndex < 0) return { kind: 'absolute', value: Number(year) * 372, precision: 'year' };
  if (day === undefined) return { kind: 'absolute', value: Number(year) * 372 + monthIndex * 31, precision: 'month' };
  return { kind: 'absolute', value: Number(year) * 372 + monthIndex * 31 + Number(day), precision: 'day' };
}
