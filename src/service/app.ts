import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, type Problem } from '../core/bank/load.ts';
import { createClassroom, type Classroom } from './classroom/classroom.ts';
import { listNetworkInterfaces } from './classroom/interfaces.ts';
import { startSessionServer } from './classroom/server.ts';
import { createService, type Service } from './service.ts';
import { lockDataFolder, type DataLock } from './data-lock.ts';
import { openStore, type Store, type UnreadableRow } from './store.ts';
import { createCsvExports, type CsvExports, type CsvFile } from './results-export.ts';
import { ServiceError } from './errors.ts';
import { CsvQuery } from '../shared/contract.ts';
import { loadQuizDirectory } from './quiz-files.ts';
import { createTeacherGate, type Caller, type TeacherGate } from './teacher/gate.ts';
import { teacherFileStorage } from './teacher/teacher-file.ts';
import { createLibrary } from './library/library.ts';

export const DATABASE_FILE = 'evident.db';

export interface OpenedApp {
  service: Service;
  store: Store;
  classroom: Classroom;
  problems: Problem[];
  /** This process's hold on the data folder; released on exit, or by `release()` after closing the store. */
  dataLock: DataLock;
  /** The live dashboard of a session, for the unlocked teacher only, like every teacher channel. */
  watchSession: TeacherWatch;
  /** A CSV export to stream (HTTP) or to save (the desktop app's dialog), for the unlocked teacher only. */
  csvExport: TeacherCsvExport;
}

/** Opens the export a caller asks for (an unchecked request: the export address's query, every value text): throws ServiceError unless the teacher's side is unlocked and the request is valid. */
export type TeacherCsvExport = (request: unknown, caller: Caller) => CsvFile & { unreadable: UnreadableRow[] };

export function gatedCsvExport(gate: TeacherGate, exports: CsvExports): TeacherCsvExport {
  return (request, caller) => {
    gate.require(caller);
    const parsed = CsvQuery.safeParse(request);
    if (!parsed.success) {
      const problem = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
      throw new ServiceError('invalid-request', `the export request is not valid (${problem})`);
    }
    const unreadable: UnreadableRow[] = [];
    return { ...exports.csv(parsed.data, (row) => void unreadable.push(row)), unreadable };
  };
}

/** A watch of a session's live dashboard, asked by `caller`: throws ServiceError('locked') unless the teacher's side is unlocked. */
export type TeacherWatch = (sessionId: string, watcher: Parameters<Classroom['watch']>[1], caller: Caller) => () => void;

/** The dashboard is the teacher's, like every teacher channel: the same gate opens it. */
export function gatedWatch(gate: TeacherGate, watch: Classroom['watch']): TeacherWatch {
  return (sessionId, watcher, caller) => {
    gate.require(caller);
    return watch(sessionId, watcher);
  };
}

/**
 * Wires the service from a questions folder and a data folder: the same for the desktop app
 * and for the HTTP server. Banks with problems are reported and left out; the rest still load.
 * `rendererDir` is the built renderer that a classroom session serves to students' browsers.
 */
export function openApp(options: {
  questionsDir: string;
  dataDir: string;
  rendererDir: string;
  warn: (message: string) => void;
}): OpenedApp {
  const { quizzes, problems } = loadQuizDirectory(options.questionsDir);
  for (const problem of problems) options.warn(formatProblem(problem));
  mkdirSync(options.dataDir, { recursive: true });
  // Throws DataFolderInUse, naming the process, when another Evident has this folder.
  const dataLock = lockDataFolder(options.dataDir);
  let store: Store;
  try {
    store = openStore(join(options.dataDir, DATABASE_FILE), (movedTo, reason) =>
      options.warn(`the database could not be used (${reason}); it was moved to ${movedTo} and a new one started`),
    );
  } catch (error) {
    dataLock.release();
    throw error;
  }
  // The bundled quizzes and the teacher's own (in the data folder): what every channel answers from.
  const library = createLibrary({ bundled: quizzes, bundledDir: options.questionsDir, dataDir: options.dataDir, store });
  for (const problem of library.problems) options.warn(formatProblem(problem));
  const classroom = createClassroom({
    catalogue: library.catalogue,
    store,
    interfaces: listNetworkInterfaces,
    startServer: (server) => startSessionServer({ ...server, rendererDir: options.rendererDir }),
  });
  const storage = teacherFileStorage(options.dataDir);
  const teacher = { storage, gate: createTeacherGate({ storage }) };
  return {
    service: createService({ library, store, classroom: classroom.channels, teacher, onAttemptDeleted: classroom.attemptDeleted }),
    store,
    classroom,
    problems: [...problems, ...library.problems],
    dataLock,
    watchSession: gatedWatch(teacher.gate, classroom.watch),
    csvExport: gatedCsvExport(teacher.gate, createCsvExports({ catalogue: library.catalogue, store, now: () => new Date() })),
  };
}
