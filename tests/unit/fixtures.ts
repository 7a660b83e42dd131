import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedQuiz } from '../../src/core/bank/loaded.ts';
import { loadQuizDirectory } from '../../src/service/quiz-files.ts';
import { createService, type Service } from '../../src/service/service.ts';
import { openStore, type Store } from '../../src/service/store.ts';

export const questionsDir = fileURLToPath(new URL('../../questions', import.meta.url));

let cached: LoadedQuiz[] | undefined;
export function seedQuizzes(): LoadedQuiz[] {
  if (!cached) {
    const { quizzes, problems } = loadQuizDirectory(questionsDir);
    if (problems.length > 0) throw new Error(`the seed banks have problems: ${JSON.stringify(problems)}`);
    cached = quizzes;
  }
  return cached;
}

export function seedQuiz(): LoadedQuiz {
  const quiz = seedQuizzes().find((q) => q.id === 'north-korea-un');
  if (!quiz) throw new Error('the seed quiz north-korea-un is missing');
  return quiz;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'evident-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Harness {
  service: Service;
  store: Store;
  file: string;
  reopen(): Harness;
  close(): void;
}

export function serviceHarness(options: { now?: () => Date } = {}): Harness {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'evident.db');
  const make = (): Harness => {
    const store = openStore(file);
    const service = createService({ quizzes: seedQuizzes(), store, ...options });
    return {
      service,
      store,
      file,
      reopen() {
        store.close();
        return make();
      },
      close() {
        try {
          store.close();
        } catch {
          // already closed by reopen()
        }
        cleanup();
      },
    };
  };
  return make();
}
