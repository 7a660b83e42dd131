import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/bank/schema.ts';
import { form, inForm, quiz, renderEditor, sentence, sentenceText } from './editor-helpers.ts';

const seedOf = <T extends Question['type']>(type: T) =>
  structuredClone(quiz.bank.questions.find((q) => q.type === type)!) as Extract<Question, { type: T }>;

async function startQuestion(type: string, ...sentenceIds: string[]) {
  for (const id of sentenceIds) await fireEvent.click(sentence(id));
  await fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${type}`) }));
}

async function type(label: string | RegExp, value: string) {
  await fireEvent.input(inForm().getByLabelText(label), { target: { value } });
}

/** A problem shown in the form: in the summary and, as a `.problem`, beside its field. */
const shows = (message: RegExp, label?: string) =>
  waitFor(() => {
    const beside = [...form().querySelectorAll('.problem')].some((p) => message.test(p.textContent ?? ''));
    const summary = [...form().querySelectorAll('.summary li')].some(
      (li) => message.test(li.textContent ?? '') && (label === undefined || li.textContent?.startsWith(`${label}: `)),
    );
    expect(beside && summary, `${message} beside its field and in the summary`).toBe(true);
  });

const noProblems = () => waitFor(() => expect(inForm().getByText('No problems.')).toBeTruthy());

describe('the question editor: evidence first', () => {
  it('opens a new quiz on “new question”: the types wait for evidence, and the form opens with it', async () => {
    renderEditor();
    const single = screen.getByRole('button', { name: /^Single choice/ });
    expect((single as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(sentence('p2.s1'));
    expect(sentence('p2.s1').getAttribute('aria-checked')).toBe('true');
    expect((single as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.click(single);
    expect(within(form()).getByText(`“${sentenceText('p2.s1').split(/\s+/).slice(0, 12).join(' ')}…”`)).toBeTruthy();
  });

  it('picks sentences by keyboard: arrows move, Space selects', async () => {
    renderEditor();
    const first = sentence('p1.s1');
    expect(first.tabIndex).toBe(0);
    first.focus();
    await fireEvent.keyDown(first, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-sentence')).not.toBe('p1.s1'));
    const second = document.activeElement as HTMLElement;
    await fireEvent.keyDown(second, { key: ' ' });
    expect(second.getAttribute('aria-checked')).toBe('true');
  });

  it('changes the evidence of an open question, and the checker follows', async () => {
    const { lastBank } = renderEditor([seedOf('single-choice')]);
    await noProblems();
    const cited = seedOf('single-choice').evidence.length;
    const other = quiz.article.sentences.at(-1)!.id;
    await fireEvent.click(sentence(other));
    await waitFor(() => expect(lastBank()?.questions[0]!.evidence).toHaveLength(cited + 1));
    expect(lastBank()!.questions[0]!.evidence).toContain(sentenceText(other));
  });
});

describe('single choice form', () => {
  it('adds, edits and removes options; the checker’s message appears beside the field and clears', async () => {
    const { lastBank } = renderEditor();
    await startQuestion('Single choice', 'p2.s1');
    await waitFor(() => expect(inForm().getAllByText(/must not be empty/).length).toBeGreaterThan(0));
    await type('Question', 'Where did the council meet?');
    await type('Option 1', 'In New York');
    await type('Option 2', 'In Geneva');
    await type('Option 3', 'In Seoul');
    await type(/^Explanation/, 'The report says the council met in New York.');
    await noProblems();
    await fireEvent.click(inForm().getByRole('button', { name: 'Add an option' }));
    await shows(/must not be empty/, 'Option 4');
    await fireEvent.click(inForm().getByRole('button', { name: 'Remove option 4' }));
    await noProblems();
    await fireEvent.click(inForm().getByLabelText('Option 2 is correct'));
    await waitFor(() =>
      expect(lastBank()?.questions[0]).toMatchObject({ type: 'single-choice', correct: 'b', prompt: 'Where did the council meet?' }),
    );
    expect(lastBank()!.questions[0]).toMatchObject({ options: [{ text: 'In New York' }, { text: 'In Geneva' }, { text: 'In Seoul' }] });
  });
});

describe('multiple select form', () => {
  it('marks several correct options; none correct is a problem that clears when one is ticked', async () => {
    const question = seedOf('multiple-select');
    const { lastBank } = renderEditor([question]);
    await noProblems();
    for (const id of question.correct) {
      const index = question.options.findIndex((o) => o.id === id);
      await fireEvent.click(inForm().getByLabelText(`Option ${index + 1} is correct`));
    }
    await shows(/at least one option must be correct/);
    await fireEvent.click(inForm().getByLabelText('Option 1 is correct'));
    await noProblems();
    await waitFor(() => expect(lastBank()?.questions[0]).toMatchObject({ correct: [question.options[0]!.id] }));
  });
});

describe('true / false / not given form', () => {
  it('sets the statement and its answer', async () => {
    const { lastBank } = renderEditor();
    await startQuestion('True / false / not given', 'p3.s1');
    await type(/^Statement/, 'The council met in Geneva.');
    await fireEvent.click(inForm().getByLabelText('False'));
    await type(/^Explanation/, 'It met in New York.');
    await noProblems();
    await waitFor(() => expect(lastBank()?.questions[0]).toMatchObject({ type: 'true-false-not-given', answer: 'false' }));
  });
});

describe('short answer form', () => {
  it('takes the model answer from words picked in the evidence; a wording not in the text is reported, and cleared', async () => {
    const { lastBank } = renderEditor();
    await startQuestion('Short answer', 'p2.s1');
    await shows(/give at least one accepted answer/);
    const words = inForm()
      .getAllByRole('button', { pressed: false })
      .filter((b) => b.classList.contains('word'));
    await fireEvent.click(words[1]!);
    await fireEvent.click(words[2]!);
    const use = inForm().getByRole('button', { name: /^Use as the model answer: “/ });
    const picked = /“(.*)”/.exec(use.textContent!)![1]!;
    await fireEvent.click(use);
    await type(/^Question/, 'Which words?');
    await type(/^Explanation/, 'They are in the text.');
    await noProblems();
    await waitFor(() => expect(lastBank()?.questions[0]).toMatchObject({ accepted: [picked] }));
    await type('Model answer', 'zebra crossing');
    await shows(/does not occur in the evidence/);
    await type('Model answer', picked);
    await noProblems();
    await fireEvent.click(inForm().getByRole('button', { name: 'Add another wording' }));
    await shows(/must not be empty/, 'Accepted answer 2');
    await fireEvent.click(inForm().getByRole('button', { name: 'Remove accepted answer 2' }));
    await noProblems();
  });
});

describe('cloze form', () => {
  it('turns picked words into a gap with alternatives, and a removed gap gives its words back', async () => {
    const { lastBank } = renderEditor();
    await startQuestion('Fill in the gaps', 'p2.s1');
    const original = sentenceText('p2.s1');
    await shows(/add at least 1/, 'Gaps');
    const words = inForm()
      .getAllByRole('button')
      .filter((b) => b.classList.contains('word'));
    await fireEvent.click(words[3]!);
    await fireEvent.click(inForm().getByRole('button', { name: /^Make a gap: “/ }));
    await type(/^Instruction/, 'Fill in the gap.');
    await type(/^Explanation/, 'The sentence says so.');
    await noProblems();
    await fireEvent.click(inForm().getByRole('button', { name: 'Add an alternative' }));
    await type('Gap 1: alternative 1', 'another');
    await waitFor(() => {
      const saved = lastBank()?.questions[0] as Extract<Question, { type: 'cloze' }> | undefined;
      expect(saved?.text).toMatch(/\{\{g1\}\}/);
      expect(saved?.gaps[0]?.accepted).toHaveLength(2);
      expect(saved?.gaps[0]?.accepted[1]).toBe('another');
    });
    await fireEvent.click(inForm().getByRole('button', { name: /^Remove gap 1/ }));
    await waitFor(() => expect((lastBank()?.questions[0] as { text: string }).text).toBe(original));
  });
});

describe('ordering form', () => {
  it('keeps the key in the list’s order as items are added, moved and removed', async () => {
    const { lastBank } = renderEditor();
    await startQuestion('Ordering', 'p2.s1');
    await type(/^Question/, 'Put the events in order.');
    await type('Item 1', 'First');
    await type('Item 2', 'Second');
    await type('Item 3', 'Third');
    await type(/^Explanation/, 'In the order the article tells them.');
    await noProblems();
    await fireEvent.click(inForm().getByRole('button', { name: 'Add an item' }));
    await type('Item 4', 'Fourth');
    await fireEvent.click(inForm().getByRole('button', { name: 'Move item 1 down' }));
    await waitFor(() => {
      const saved = lastBank()?.questions[0] as Extract<Question, { type: 'ordering' }>;
      expect(saved.items.map((i) => i.text)).toEqual(['Second', 'First', 'Third', 'Fourth']);
      expect(saved.order).toEqual(saved.items.map((i) => i.id));
    });
    await fireEvent.click(inForm().getByRole('button', { name: 'Remove item 4' }));
    await noProblems();
  });
});

describe('matching form', () => {
  it('pairs left with right items; unmatched right items are distractors; an unpaired left item is reported', async () => {
    const { lastBank } = renderEditor();
    await startQuestion('Matching', 'p2.s1');
    await type(/^Question/, 'Who said what?');
    await type('Left item 1', 'A');
    await type('Left item 2', 'B');
    await type('Right item 1', 'one');
    await type('Right item 2', 'two');
    await type(/^Explanation/, 'As quoted.');
    await noProblems();
    await fireEvent.click(inForm().getByRole('button', { name: 'Add a distractor' }));
    await type('Right item 3', 'three');
    expect(inForm().getByText('distractor')).toBeTruthy();
    await fireEvent.change(inForm().getByLabelText('Match of left item 2'), { target: { value: '' } });
    await shows(/add at least 2/, 'Pairs');
    await fireEvent.change(inForm().getByLabelText('Match of left item 2'), { target: { value: 'r3' } });
    await noProblems();
    await waitFor(() =>
      expect((lastBank()?.questions[0] as Extract<Question, { type: 'matching' }>).pairs).toEqual([
        { left: 'l1', right: 'r1' },
        { left: 'l2', right: 'r3' },
      ]),
    );
  });
});

describe('evidence selection form', () => {
  it('takes its answer sentences from clicks in the article, and can remove them', async () => {
    const { lastBank } = renderEditor();
    await startQuestion('Find the evidence', 'p2.s1');
    await type(/^Question/, 'Which sentence says where?');
    await type(/^Explanation/, 'This one.');
    await shows(/add at least 1/, 'Answer');
    await fireEvent.click(inForm().getByRole('button', { name: 'Pick the answer sentences in the article' }));
    await fireEvent.click(sentence('p2.s1'));
    await fireEvent.click(sentence('p4.s1'));
    await noProblems();
    await waitFor(() => expect(lastBank()?.questions[0]).toMatchObject({ answer: [sentenceText('p2.s1'), sentenceText('p4.s1')] }));
    await fireEvent.click(inForm().getByRole('button', { name: 'Remove answer sentence 2' }));
    await waitFor(() => expect(lastBank()?.questions[0]).toMatchObject({ answer: [sentenceText('p2.s1')] }));
    // The evidence is untouched by the picking.
    expect(lastBank()!.questions[0]!.evidence).toEqual([sentenceText('p2.s1')]);
  });
});

describe('two-part form', () => {
  it('has part A as a choice and part B’s options drawn from article sentences', async () => {
    const { lastBank } = renderEditor();
    await startQuestion('Two-part', 'p2.s1');
    await type(/^Introduction/, 'Answer both parts.');
    await type('Part A question', 'What happened?');
    await type('Option 1', 'A vote');
    await type('Option 2', 'A walk-out');
    await type('Option 3', 'A fire');
    await type(/^Explanation/, 'Because.');
    await shows(/add at least 2/, 'Part B: Options');
    await fireEvent.click(inForm().getByRole('button', { name: 'Pick Part B’s options in the article' }));
    await fireEvent.click(sentence('p2.s1'));
    await fireEvent.click(sentence('p3.s1'));
    await shows(/add at least 1/, 'Part B: Correct answer');
    await fireEvent.click(inForm().getByLabelText('Part B option 1 is correct'));
    await noProblems();
    await waitFor(() =>
      expect(lastBank()?.questions[0]).toMatchObject({
        partA: { prompt: 'What happened?', correct: 'a' },
        partB: { options: [{ id: 'e1', quote: sentenceText('p2.s1') }, { id: 'e2' }], correct: ['e1'] },
      }),
    );
  });
});

describe('the question list', () => {
  const three = () => {
    const all = quiz.bank.questions;
    return [structuredClone(all[0]!), structuredClone(all[1]!), structuredClone(all[2]!)];
  };
  const ids = (bank: { questions: Question[] } | undefined) => bank?.questions.map((q) => q.id);

  it('reorders by buttons and by Alt+arrow, duplicates, and deletes with undo', async () => {
    const questions = three();
    const [a, b, c] = questions.map((q) => q.id);
    const { lastBank } = renderEditor(questions);
    const list = () => within(screen.getByRole('navigation', { name: 'Questions' }));
    await fireEvent.click(list().getByRole('button', { name: 'Move question 1 down' }));
    await waitFor(() => expect(ids(lastBank())).toEqual([b, a, c]));
    const second = document.querySelector<HTMLElement>(`[data-question="${a}"] .open`)!;
    await fireEvent.keyDown(second, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(ids(lastBank())).toEqual([b, c, a]));
    await fireEvent.click(list().getByRole('button', { name: 'Duplicate question 1' }));
    await waitFor(() => expect(lastBank()?.questions).toHaveLength(4));
    expect(lastBank()!.questions[1]).toEqual({ ...lastBank()!.questions[0], id: expect.not.stringMatching(new RegExp(`^${b}$`)) });
    await fireEvent.click(list().getByRole('button', { name: 'Delete question 1' }));
    await waitFor(() => expect(lastBank()?.questions).toHaveLength(3));
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(ids(lastBank())?.[0]).toBe(b));
    expect(lastBank()?.questions).toHaveLength(4);
  });
});

describe('saving, previewing and advice', () => {
  it('saves a change within a second', async () => {
    const { save, lastBank } = renderEditor([seedOf('single-choice')]);
    await noProblems();
    const started = Date.now();
    await type('Question', 'A changed prompt?');
    await waitFor(() => expect(lastBank()?.questions[0]?.prompt).toBe('A changed prompt?'), { timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(save).toHaveBeenCalled();
  });

  it('previews the question as a student, scores an answer and shows the feedback', async () => {
    const question = seedOf('single-choice');
    renderEditor([question]);
    await noProblems();
    await fireEvent.click(screen.getByRole('button', { name: 'Preview as a student' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: question.prompt })).toBeTruthy());
    const key = question.options.find((o) => o.id === question.correct)!;
    await fireEvent.click(screen.getByRole('radio', { name: new RegExp(key.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }));
    await fireEvent.click(screen.getByRole('button', { name: 'Check answer' }));
    await waitFor(() => expect(screen.getByText(question.explanation)).toBeTruthy());
    expect(screen.getAllByText(/Correct/).length).toBeGreaterThan(0);
  });

  it('advises when the correct option is much longer than the others, and stops when it is not', async () => {
    const question = seedOf('single-choice');
    renderEditor([question]);
    await noProblems();
    const keyIndex = question.options.findIndex((o) => o.id === question.correct);
    await type(
      `Option ${keyIndex + 1}`,
      'a very much longer correct option than any of the others, by far and away, so long that any student would notice it at once and pick it',
    );
    await waitFor(() => expect(inForm().getByText(/much longer than the others/)).toBeTruthy());
    await type(`Option ${keyIndex + 1}`, 'short');
    await waitFor(() => expect(inForm().queryByText(/much longer than the others/)).toBeNull());
  });
});

describe('drafted questions', () => {
  it('keeps the drafted label while a draft is untouched, and drops it at the teacher’s first edit', async () => {
    const drafted = { ...seedOf('single-choice'), drafted: true } as Question;
    const { lastBank } = renderEditor([drafted]);
    await noProblems();
    expect(screen.getByText('drafted, not yet edited')).toBeTruthy();
    await type('Question', 'A prompt in my own words?');
    await waitFor(() => expect(lastBank()?.questions[0]?.prompt).toBe('A prompt in my own words?'), { timeout: 2000 });
    expect(lastBank()!.questions[0]).not.toHaveProperty('drafted');
    expect(screen.queryByText('drafted, not yet edited')).toBeNull();
  });
});

describe('a bank edited by hand', () => {
  it('opens a question missing a list, and keeps a question of an unknown type as it was', async () => {
    const broken = { ...seedOf('single-choice'), options: undefined } as unknown as Question;
    const foreign = { id: 'odd-one', type: 'essay', prompt: 'Discuss.' } as unknown as Question;
    const { lastBank } = renderEditor([broken, foreign]);
    await shows(/must not be empty/, 'Option 1');
    expect(screen.getByText(/1 question of this quiz have a type the editor does not know/)).toBeTruthy();
    await fireEvent.click(inForm().getByRole('button', { name: 'Add an option' }));
    await waitFor(() => expect(lastBank()?.questions).toHaveLength(2));
    expect(lastBank()!.questions[1]).toEqual(foreign);
  });
});
