import { render, screen, within } from '@testing-library/svelte';
import { vi } from 'vitest';
import type { Question } from '../../src/core/bank/schema.ts';
import EditorScreen from '../../src/renderer/src/teacher/editor/EditorScreen.svelte';
import { checkDraftQuestion } from '../../src/service/authoring/check.ts';
import { previewDraftQuestion } from '../../src/service/authoring/preview.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadQuiz } from '../../src/core/bank/load.ts';
import type { LoadedQuiz } from '../../src/core/bank/loaded.ts';

// The editor against the service's real checker and preview (called in-process instead of over
// a transport), so the messages a test waits for are the ones a teacher would see.

// jsdom's import.meta.url is not a file address: the seed is read from the project folder.
const folder = join(process.cwd(), 'questions', 'north-korea-un');
const loaded = loadQuiz({
  bankFile: 'bank.json',
  bankText: readFileSync(join(folder, 'bank.json'), 'utf8'),
  articleText: readFileSync(join(folder, 'article.txt'), 'utf8'),
});
if (!loaded.ok) throw new Error('the seed quiz does not load');
export const quiz: LoadedQuiz = loaded.quiz;
export const article = quiz.article;
export const sentenceText = (id: string) => article.sentences.find((s) => s.id === id)!.text;

export function renderEditor(questions: Question[] = [], extra: Record<string, unknown> = {}) {
  const saved: Record<string, unknown>[] = [];
  const save = vi.fn(async (bank: Record<string, unknown>) => void saved.push(structuredClone(bank)));
  const check = vi.fn(async (question: unknown, otherIds: string[]) => checkDraftQuestion(question, article, otherIds).problems);
  const preview = vi.fn(async (question: unknown, response?: unknown) =>
    previewDraftQuestion(question, article, response as Parameters<typeof previewDraftQuestion>[2]),
  );
  const ondone = vi.fn();
  const result = render(EditorScreen, {
    quizId: quiz.id,
    title: 'North Korea at the UN',
    article,
    bank: { id: quiz.id, article: 'article.txt', questions: structuredClone(questions) },
    check,
    save,
    preview,
    ondone,
    ...extra,
  });
  return { ...result, saved, save, check, preview, ondone, lastBank: () => saved.at(-1) as { questions: Question[] } | undefined };
}

export const sentence = (id: string) => document.querySelector<HTMLElement>(`[data-sentence="${id}"]`)!;
export const form = () => screen.getByRole('form');
export const inForm = () => within(form());
