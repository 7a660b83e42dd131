import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuiz } from '../../src/core/bank/loaded.ts';
import { createService } from '../../src/service/service.ts';
import { openStore } from '../../src/service/store.ts';

// One crash trial: a child (crash-child.ts) answers the seed quiz for several students at once,
// their answers sharing group commits, and is killed with SIGKILL at a random point; the store
// is then opened again, as the app would on its next start, and checked. Shared by
// tests/unit/crash.test.ts and scripts/crash-trials.ts.

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

export interface TrialResult {
  /** Answers the child acknowledged before it died, over all its students. */
  acknowledged: number;
  /** Answers found in the database after the restart (acknowledged ones plus any in flight). */
  stored: number;
  /** Acknowledged answers missing or wrong after the restart ("student question"): must be empty. */
  lost: string[];
  /** Problems with resuming the attempts: must be empty. */
  problems: string[];
  /** Whether the child finished before the kill landed. */
  finished: boolean;
  /** The size of each group commit the child reported. */
  batches: number[];
}

/**
 * `killAfterAcks` answers are awaited, then `delayMs` more, then SIGKILL: the kill lands at a
 * different point of the answer-commit-sync cycle from one trial to the next.
 */
export async function crashTrial(options: {
  dir: string;
  quiz: LoadedQuiz;
  questionsDir: string;
  killAfterAcks: number;
  delayMs: number;
  students?: number;
  /** The child acknowledges before committing (crash-child.ts): for the test that the trials catch it. */
  ackBeforeCommit?: boolean;
}): Promise<TrialResult> {
  const { dir, quiz, questionsDir, killAfterAcks, delayMs, students = 4 } = options;
  const dbFile = join(dir, 'evident.db');
  const args = [dbFile, questionsDir, String(students), ...(options.ackBeforeCommit ? ['--ack-before-commit'] : [])];
  const { attemptIds, acked, finished, batches, stderr } = await runAndKill(args, killAfterAcks, delayMs);
  if (attemptIds.length === 0) throw new Error(`the child died before it started an attempt: ${stderr}`);

  // The restart: a fresh connection on the same file, as the app's next launch would open it.
  const problems: string[] = [];
  const store = openStore(dbFile, (movedTo, reason) => problems.push(`the database was set aside (${reason}) to ${movedTo}`));
  try {
    const service = createService({ quizzes: [quiz], store });
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    const lost: string[] = [];
    let stored = 0;
    for (const [s, attemptId] of attemptIds.entries()) {
      if (!attemptId) continue;
      const view = service.getAttempt({ attemptId });
      if (view.status !== 'in-progress') problems.push(`student ${s}'s attempt is ${view.status} after the restart`);
      const saved = new Map(view.answers.map((a) => [a.questionId, a.response]));
      stored += saved.size;
      for (const id of acked.get(s) ?? []) {
        if (JSON.stringify(saved.get(id)) !== JSON.stringify(correctResponse(byId.get(id)!))) lost.push(`${s} ${id}`);
      }
      // Resuming: the next unanswered question takes an answer as if nothing had happened.
      const next = quiz.questions.find((q) => !saved.has(q.id));
      if (next) await service.answer({ attemptId, questionId: next.id, response: correctResponse(next) });
    }
    const acknowledged = [...acked.values()].reduce((n, list) => n + list.length, 0);
    return { acknowledged, stored, lost, problems, finished, batches };
  } finally {
    store.close();
  }
}

function runAndKill(
  args: string[],
  killAfterAcks: number,
  delayMs: number,
): Promise<{ attemptIds: string[]; acked: Map<number, string[]>; finished: boolean; batches: number[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const attemptIds: string[] = [];
    const acked = new Map<number, string[]>();
    const batches: number[] = [];
    let ackCount = 0;
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
        const [kind, a, b] = line.split(' ');
        if (kind === 'attempt') attemptIds[Number(a)] = b!;
        else if (kind === 'ack') {
          acked.set(Number(a), [...(acked.get(Number(a)) ?? []), b!]);
          ackCount++;
        } else if (kind === 'batch') batches.push(Number(a));
        else if (kind === 'done') finished = true;
        if (attemptIds.length > 0 && ackCount >= killAfterAcks) scheduleKill();
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve({ attemptIds, acked, finished, batches, stderr }));
  });
}
