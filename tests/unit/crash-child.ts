// Run as a child process by the crash tests: `node tests/unit/crash-child.ts <db file> <questions dir> [students] [--ack-before-commit]`.
// Starts an attempt at the seed quiz for each of `students` (default 4) and answers question by
// question through dispatch, the path the app takes, every student's answer to a question at
// once, so that they share group commits (src/service/group-commit.ts), as a class's do. It
// prints `ack <student> <question id>` only after that answer() has resolved (its commit, and
// the sync of the log after it, have returned), and `batch <n>` for each group commit.
// The test kills it with SIGKILL somewhere along the way; every acknowledged answer must survive.
//
// --ack-before-commit breaks that promise on purpose (each ack is printed, then the answer is
// given 50 ms later), so that a test can show the trials catch an acknowledgement that came
// before its commit.
import { correctResponse } from '../../src/core/bank/key.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import type { Channel } from '../../src/shared/channels.ts';
import { loadQuizDirectory } from '../../src/service/quiz-files.ts';
import { createService } from '../../src/service/service.ts';
import { openStore } from '../../src/service/store.ts';

export const CRASH_QUIZ_ID = 'north-korea-un';

const [dbFile, questionsDir, studentsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const ackBeforeCommit = process.argv.includes('--ack-before-commit');
const students = Number(studentsArg ?? 4);
if (!dbFile || !questionsDir || !Number.isInteger(students) || students < 1) {
  console.error('usage: node tests/unit/crash-child.ts <db file> <questions dir> [students] [--ack-before-commit]');
  process.exit(2);
}

const { quizzes } = loadQuizDirectory(questionsDir);
const quiz = quizzes.find((q) => q.id === CRASH_QUIZ_ID);
if (!quiz) {
  console.error(`the quiz ${CRASH_QUIZ_ID} is not in ${questionsDir}`);
  process.exit(2);
}
// Pipes are written synchronously on Linux and macOS, so each line is out before the next step.
const say = (line: string) => process.stdout.write(`${line}\n`);
const service = createService({ quizzes, store: openStore(dbFile, undefined, { onCommitBatch: (size) => say(`batch ${size}`) }) });

const call = async (channel: Channel, payload: unknown): Promise<unknown> => {
  const reply = await dispatch(service, channel, payload);
  if (!reply.ok) {
    console.error(`${channel} failed: ${JSON.stringify(reply.error)}`);
    process.exit(1);
  }
  return reply.value;
};

const attemptIds: string[] = [];
for (let s = 0; s < students; s++) {
  const { attemptId } = (await call('startAttempt', { quizId: quiz.id, studentName: `Crash Test ${s + 1}` })) as { attemptId: string };
  attemptIds.push(attemptId);
  say(`attempt ${s} ${attemptId}`);
}
for (const question of quiz.questions) {
  await Promise.all(
    attemptIds.map(async (attemptId, s) => {
      if (ackBeforeCommit) {
        say(`ack ${s} ${question.id}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await call('answer', { attemptId, questionId: question.id, response: correctResponse(question) });
      } else {
        await call('answer', { attemptId, questionId: question.id, response: correctResponse(question) });
        say(`ack ${s} ${question.id}`);
      }
    }),
  );
}
say('done');
