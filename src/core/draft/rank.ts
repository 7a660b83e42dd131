import type { Draft } from './types.ts';

type Candidate = Omit<Draft, 'paragraphId'>;

/** How much a second, third … draft of one type is worth against a first of another. */
const SAME_TYPE_DECAY = 0.9;
/** Drafts drawn from one sentence alone, at most. */
const PER_SENTENCE = 2;

/**
 * Best first, with three rules: a fact is tested once (a draft that repeats a kept draft's fact
 * is dropped), one sentence feeds at most two single-sentence drafts, and each further draft of
 * a type already chosen counts a little less, so the bank mixes types. Ties go by id, so the
 * order never depends on the order generators ran in.
 */
export function rankDrafts(candidates: readonly Candidate[], max: number): Draft[] {
  const remaining = [...candidates].sort((a, b) => b.score - a.score || a.question.id.localeCompare(b.question.id));
  const kept: Draft[] = [];
  const claimed = new Set<string>();
  const perSentence = new Map<string, number>();
  const perType = new Map<string, number>();
  while (kept.length < max && remaining.length > 0) {
    let bestIndex = -1;
    let bestValue = -1;
    for (let i = 0; i < remaining.length; i++) {
      const draft = remaining[i]!;
      const value = draft.score * SAME_TYPE_DECAY ** (perType.get(draft.question.type) ?? 0);
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    const [draft] = remaining.splice(bestIndex, 1);
    if (!draft) break;
    if (draft.facts.some((fact) => claimed.has(fact))) continue;
    const single = draft.sentenceIds.length === 1 ? draft.sentenceIds[0]! : undefined;
    if (single && (perSentence.get(single) ?? 0) >= PER_SENTENCE) continue;
    for (const fact of draft.facts) claimed.add(fact);
    if (single) perSentence.set(single, (perSentence.get(single) ?? 0) + 1);
    perType.set(draft.question.type, (perType.get(draft.question.type) ?? 0) + 1);
    kept.push({ ...draft, paragraphId: (draft.sentenceIds[0] ?? 'p1').split('.')[0]! });
  }
  return kept;
}
