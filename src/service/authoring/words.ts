// The checker's wording is for someone editing bank.json: field paths ("options.2.text"),
// sentence ids ("p3.s2"), option ids. The editor shows the same problems beside its own
// fields, so here they are named as the form names them. Only words change, never a rule.

const LIST_LABELS: Record<string, string> = {
  evidence: 'Evidence sentence',
  options: 'Option',
  accepted: 'Accepted answer',
  gaps: 'Gap',
  answer: 'Answer sentence',
  items: 'Item',
  order: 'Position',
  left: 'Left item',
  right: 'Right item',
  pairs: 'Pair',
  correct: 'Correct answer',
};

const FIELD_LABELS: Record<string, string> = {
  '': 'Question',
  id: 'Question id',
  type: 'Question type',
  prompt: 'Question',
  explanation: 'Explanation',
  points: 'Points',
  skill: 'Skill',
  difficulty: 'Difficulty',
  evidence: 'Evidence',
  options: 'Options',
  correct: 'Correct answer',
  answer: 'Answer',
  accepted: 'Accepted answers',
  text: 'Sentence with gaps',
  gaps: 'Gaps',
  items: 'Items',
  order: 'Correct order',
  left: 'Left list',
  right: 'Right list',
  pairs: 'Pairs',
  partA: 'Part A',
  partB: 'Part B',
};

/** "options.2.text" → "Option 3", "partB.options.0.quote" → "Part B: Option 1". */
export function fieldLabel(field: string): string {
  const parts = field === '' ? [] : field.split('.');
  const words: string[] = [];
  let prefix = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part === 'partA' || part === 'partB') {
      prefix = `${FIELD_LABELS[part]}: `;
      continue;
    }
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next) && LIST_LABELS[part]) {
      words.push(`${LIST_LABELS[part]} ${Number(next) + 1}`);
      i++;
      continue;
    }
    if (part === 'id' || part === 'text' || part === 'quote') {
      if (words.length > 0) continue; // "Option 3" says it: its text is what the teacher sees
    }
    if (part === 'prompt' && prefix !== '') {
      words.push('Question');
      continue;
    }
    words.push(FIELD_LABELS[part] ?? part);
  }
  const label = prefix + (words.length > 0 ? words.join(', ') : '');
  return label.replace(/: $/, '') || 'Question';
}

/** Sentence ids as a teacher counts them: "p3.s2" → "paragraph 3, sentence 2". */
function sentencesInWords(message: string): string {
  return message.replace(/\bp(\d{1,4})\.s(\d{1,4})\b/g, (_, p: string, s: string) => `paragraph ${p}, sentence ${s}`);
}

const ARRAY_TOO_SMALL = /^Too small: expected array to have >=?(\d+) items?$/;
const ARRAY_TOO_BIG = /^Too big: expected array to have <=?(\d+) items?$/;
const STRING_TOO_BIG = /^Too big: expected string to have <=?(\d+) characters?$/;

export function inTeachersWords(field: string, message: string): string {
  const small = ARRAY_TOO_SMALL.exec(message);
  if (small) return `add at least ${small[1]}`;
  const big = ARRAY_TOO_BIG.exec(message);
  if (big) return `at most ${big[1]}: remove some`;
  const longText = STRING_TOO_BIG.exec(message);
  if (longText) return `at most ${longText[1]} characters`;
  if (field === 'id' && message.startsWith('duplicate question id')) return 'another question of this quiz already uses this id';
  if (message === 'missing (expected string)') return 'must not be empty';
  if (field.endsWith('id') && message.startsWith('use lowercase letters')) return `an id ${message}`;
  return sentencesInWords(message);
}
