import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuiz } from '../../src/core/bank/loaded.ts';
import { createService } from '../../src/service/service.ts';
import { openStore } from '../../src/service/store.ts';

// One crash trial: a child answers the seed quiz and is killed with SIGKILL at a random point;
// the store is then opened again, as the app would on its next start, and checked. Shared by
// tests/unit/crash.test.ts and scripts/crash-trials.ts.

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

export interface TrialResult {
  /** Answers the child acknowledged before it died. */
  acknowledged: number;
  /** Answers found in the database after the restart (acknowledged ones plus any in flight). */
  stored: number;
  /** Acknowledged answers missing or wrong after the restart: must be empty. */
  lost: string[];
  /** Problems with resuming the attempt: must be empty. */
  problems: string[];
  /** Whether the child finished before the kill landed. */
  finished: boolean;
}

/**
 * `killAfterAcks` answers are awaited, then `delayMs` more, then SIGKILL: the kill lands at a
 * different point of the answer-and-commit cycle from one trial to the next.
 */
export async function crashTrial(options: {
  dir: string;
  quiz: LoadedQuiz;
  questionsDir: string;
  killAfterAcks: number;
  delayMs: number;
}): Promise<TrialResult> {
  const { dir, quiz, questionsDir, killAfterAcks, delayMs } = options;
  const dbFile = join(dir, 'evident.db');
  const { attemptId, acked, finished, stderr } = await runAndKill(dbFile, questionsDir, killAfterAcks, delayMs);
  if (!attemptId) throw new Error(`the child died before it started an attempt: ${stderr}`);

  // The restart: a fresh connection on the same file, as the app's next launch would open it.
  const problems: string[] = [];
  const store = openStore(dbFile, (movedTo, reason) => problems.push(`the database was set aside (${reason}) to ${movedTo}`));
  try {
    const service = createService({ quizzes: [quiz], store });
    const view = service.getAttempt({ attemptId });
    if (view.status !== 'in-progress') problems.push(`the attempt is ${view.status} after the restart`);
    const saved = new Map(view.answers.map((a) => [a.questionId, a.response]));
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    const lost = acked.filter((id) => JSON.stringify(saved.get(id)) !== JSON.stringify(correctResponse(byId.get(id)!)));
    // Resuming: the next unanswered question takes an answer as if nothing had happened.
    const next = quiz.questions.find((q) => !saved.has(q.id));
    if (next) await service.answer({ attemptId, questionId: next.id, response: correctResponse(next) });
    return { acknowledged: acked.length, stored: saved.size, lost, problems, finished };
  } finally {
    store.close();
  }
}

function runAndKill(
  dbFile: string,
  questionsDir: string,
  killAfterAcks: number,
  delayMs: number,
): Promise<{ attemptId: string | undefined; acked: string[]; finished: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dbFile, questionsDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let attemptId: string | undefined;
    const acked: string[] = [];
    let finished = false;
    let buffered = '';
    let stderr = '';
    let killScheduled = false;
    const scheduleKill = () => {
      if (killScheduled) return;
      killScheduled = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('attempt ')) attemptId = line.slice('attempt '.length);
        else if (line.startsWith('ack ')) acked.push(line.slice('ack '.length));
        else if (line === 'done') finished = true;
        if (attemptId && acked.length >= killAfterAcks) scheduleKill();
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve({ attemptId, acked, finished, stderr }));
  });
}
