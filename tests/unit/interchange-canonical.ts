import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';

// A loaded question with its ids of options, gaps and quotes replaced by the texts (and sentence
// ids) they stand for: two questions that a student would meet identically compare equal.

const byText = (items: readonly { id: string; text: string }[]) => new Map(items.map((i) => [i.id, i.text]));

/** A question with its ids of options, gaps and quotes replaced by the texts they stand for. */
export function canonical(q: LoadedQuestion): unknown {
  const common = {
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    explanation: q.explanation,
    points: q.points,
    skill: q.skill,
    difficulty: q.difficulty,
    evidence: [...q.evidenceSentenceIds].sort(),
  };
  switch (q.type) {
    case 'single-choice':
      return { ...common, options: q.options.map((o) => o.text), correct: byText(q.options).get(q.correct) };
    case 'multiple-select':
      return { ...common, options: q.options.map((o) => o.text), correct: q.correct.map((id) => byText(q.options).get(id)).sort() };
    case 'true-false-not-given':
      return { ...common, answer: q.answer };
    case 'short-answer':
      return { ...common, accepted: q.accepted };
    case 'cloze':
      return {
        ...common,
        text: q.text.replace(/\{\{([a-z0-9-]+)\}\}/g, (_w, id: string) => `[${q.gaps.find((g) => g.id === id)!.accepted.join('|')}]`),
      };
    case 'evidence-selection':
      return { ...common, answer: [...q.answerSentenceIds].sort() };
    case 'ordering':
      return { ...common, order: q.order.map((id) => byText(q.items).get(id)) };
    case 'matching':
      return {
        ...common,
        pairs: q.pairs.map((p) => `${byText(q.left).get(p.left)} -> ${byText(q.right).get(p.right)}`),
        right: q.right.map((r) => r.text).sort(),
      };
    case 'two-part':
      return {
        ...common,
        partA: {
          prompt: q.partA.prompt,
          options: q.partA.options.map((o) => o.text),
          correct: byText(q.partA.options).get(q.partA.correct),
        },
        partB: {
          prompt: q.partB.prompt,
          options: q.partB.options.map((o) => q.partBSentenceIds[o.id]),
          correct: q.partB.correct.map((id) => q.partBSentenceIds[id]).sort(),
        },
      };
  }
}
