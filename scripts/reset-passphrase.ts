// Forgets the teacher's passphrase, keeping every result: run it at the teacher's computer.
//
//   npm run reset-passphrase                       the desktop app's data folder
//   npm run reset-passphrase -- --data-dir DIR     the browser build's --data-dir
//
// The next time the teacher's side is opened, Evident asks for a new passphrase. Attempts,
// results, sessions and the settings for new attempts are untouched.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TEACHER_FILE, resetPassphrase } from '../src/service/teacher/teacher-file.ts';
import { desktopDataDir } from './desktop-data-dir.ts';

const USAGE = 'usage: npm run reset-passphrase -- [--data-dir DIR]   (without it: the desktop app’s data folder)';

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = resolve(values['data-dir'] ?? desktopDataDir());
  if (!existsSync(dataDir)) {
    console.error(`there is no data folder at ${dataDir}; give the one Evident uses with --data-dir`);
    return 1;
  }
  const had = resetPassphrase(dataDir);
  console.log(
    had
      ? `The teacher’s passphrase is reset (${join(dataDir, TEACHER_FILE)}). Every result is kept. Open the teacher’s side to set a new one.`
      : `No passphrase was set in ${dataDir}; nothing changed.`,
  );
  return 0;
}

process.exitCode = main();
