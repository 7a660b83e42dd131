// Run as a child process by the crash tests: `node tests/unit/crash-child.ts <db file> <questions dir>`.
// Starts an attempt at the seed quiz and answers it question by question through dispatch, the
// path the app takes, printing `ack <question id>` only after answer() has resolved (its commit
// has returned: answers are committed in groups, see src/service/group-commit.ts). The test
// kills it with SIGKILL somewhere along the way; every acknowledged answer must survive.
import { correctResponse } from '../../src/core/bank/key.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import type { Channel } from '../../src/shared/channels.ts';
import { loadQuizDirectory } from '../../src/service/quiz-files.ts';
import { createService } from '../../src/service/service.ts';
import { openStore } from '../../src/service/store.ts';

export const CRASH_QUIZ_ID = 'north-korea-un';

const [dbFile, questionsDir] = process.argv.slice(2);
if (!dbFile || !questionsDir) {
  console.error('usage: node tests/unit/crash-child.ts <db file> <questions dir>');
  process.exit(2);
}

const { quizzes } = loadQuizDirectory(questionsDir);
const quiz = quizzes.find((q) => q.id === CRASH_QUIZ_ID);
if (!quiz) {
  console.error(`the quiz ${CRASH_QUIZ_ID} is not in ${questionsDir}`);
  process.exit(2);
}
const service = createService({ quizzes, store: openStore(dbFile) });

const call = async (channel: Channel, payload: unknown): Promise<unknown> => {
  const reply = await dispatch(service, channel, payload);
  if (!reply.ok) {
    console.error(`${channel} failed: ${JSON.stringify(reply.error)}`);
    process.exit(1);
  }
  return reply.value;
};

const { attemptId } = (await call('startAttempt', { quizId: quiz.id, studentName: 'Crash Test' })) as { attemptId: string };
// Pipes are written synchronously on Linux and macOS, so each line is out before the next answer starts.
process.stdout.write(`attempt ${attemptId}\n`);
for (const question of quiz.questions) {
  await call('answer', { attemptId, questionId: question.id, response: correctResponse(question) });
  process.stdout.write(`ack ${question.id}\n`);
}
process.stdout.write('done\n');
