import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle, reviewedArticleText, type Article } from '../../core/article/index.ts';
import { loadQuiz, type Problem } from '../../core/bank/load.ts';
import type { LoadedQuiz } from '../../core/bank/loaded.ts';
import { Source } from '../../core/bank/schema.ts';
import type { LibraryChannel } from '../../shared/channels.ts';
import { MAX_BANK_BYTES, type LibraryEntry, type QuizProblem, type QuizSource, type SourceArticle } from '../../shared/library-contract.ts';
import { ServiceError } from '../errors.ts';
import type { Service } from '../service.ts';
import type { Store } from '../store.ts';
import type { QuizCatalogue } from './catalogue.ts';
import { articleStats } from './stats.ts';
import { quizIdFrom } from './quiz-id.ts';
import { openQuizFile, quizFileName, writeQuizFile } from './quiz-file.ts';
import {
  ARTICLE_FILE,
  BANK_FILE,
  BundledMeta,
  META_FILE,
  QuizMeta,
  VERSIONS_DIR,
  existsSync,
  firstVersionMeta,
  jsonText,
  modifiedAt,
  readText,
  withoutSchema,
  writeFileAtomic,
  writeFolderAtomic,
} from './quiz-folder.ts';

// The quiz library: the bundled quizzes (questions/, read-only) and the teacher's own, kept in
// the data folder beside the database, one quiz folder each (quiz-folder.ts). It is the service's
// catalogue of quizzes, so a quiz created, saved or published here is what the attempt, results
// and classroom channels see at once. Drafts (no questions yet) and banks with problems are the
// teacher's only: students are offered published quizzes that load.

export const OWN_QUIZZES_DIR = 'quizzes';
/** Deleted own quizzes, kept (hidden) for the attempts taken on them: results and reviews still open. */
export const DELETED_DIR = '.deleted';
export const BUNDLED_META_FILE = 'library.json';

export type LibraryChannels = Pick<Service, LibraryChannel>;

export interface Library {
  catalogue: QuizCatalogue;
  channels: LibraryChannels;
  /** The article of any quiz, a draft's too (the editor checks questions against it). */
  articleOf(quizId: string): Article | undefined;
  /** Own quiz folders that could not be read at start (a damaged quiz.json, a clashing id), one line each. */
  problems: Problem[];
}

export interface LibraryOptions {
  /** The bundled quizzes, loaded from questions/ (those with problems are already left out and reported). */
  bundled: readonly LoadedQuiz[];
  /** Where the bundled quizzes' folders are, for their dates; optional. */
  bundledDir?: string;
  /** The data folder; without it (tests, tools) there are no own quizzes and creating one is refused. */
  dataDir?: string;
  store: Store;
  now?: () => Date;
}

/** Everything the library knows of one quiz, read from its files. */
interface Entry {
  quizId: string;
  origin: 'bundled' | 'own';
  /** The quiz folder (own quizzes). */
  dir?: string;
  meta?: QuizMeta;
  bankText: string;
  /** The article file's text, as stored (a bundled quiz's is read when it is duplicated). */
  articleText?: string;
  /** The bank as stored, parsed; null when the file is not JSON. */
  bankJson: unknown;
  article: Article;
  loaded?: LoadedQuiz;
  problems: Problem[];
  questionCount: number;
  updatedAt: string;
  /** Words, reading time and grade of the article, counted once per read of its files. */
  stats: ReturnType<typeof articleStats>;
}

const NO_QUESTIONS = /at least one question/;

export function createLibrary(options: LibraryOptions): Library {
  const { store, now = () => new Date() } = options;
  const ownRoot = options.dataDir === undefined ? undefined : join(options.dataDir, OWN_QUIZZES_DIR);
  const bundledMetaFile = options.dataDir === undefined ? undefined : join(options.dataDir, BUNDLED_META_FILE);
  const startProblems: Problem[] = [];

  const bundled = new Map<string, Entry>();
  for (const quiz of options.bundled) bundled.set(quiz.id, bundledEntry(quiz, options.bundledDir));
  const own = new Map<string, Entry>();
  /** Deleted own quizzes: no longer listed or offered, still there for their attempts. */
  const retired = new Map<string, Entry>();
  /** Earlier versions, loaded when an attempt on one is opened: quizId → version → quiz. */
  const versionCache = new Map<string, Map<number, LoadedQuiz | undefined>>();
  const bundledMeta = readBundledMeta();
  if (ownRoot) {
    scanOwn(ownRoot);
    scanRetired(join(ownRoot, DELETED_DIR));
  }

  function scanRetired(root: string): void {
    let names: string[];
    try {
      names = readdirSync(root);
    } catch {
      return; // none deleted yet
    }
    for (const name of names) {
      if (bundled.has(name) || own.has(name)) continue;
      const entry = readOwn(name, join(root, name));
      if (entry) retired.set(name, entry);
    }
  }

  function readBundledMeta(): BundledMeta {
    const fresh: BundledMeta = { format: 1, bundled: {} };
    if (!bundledMetaFile) return fresh;
    const text = readText(bundledMetaFile);
    if (text === undefined) return fresh;
    try {
      const parsed = BundledMeta.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      startProblems.push({
        file: bundledMetaFile,
        message: `not a library file (${parsed.error.issues[0]?.message}); bundled quizzes are published`,
      });
    } catch (error) {
      startProblems.push({ file: bundledMetaFile, message: `not valid JSON (${(error as Error).message}); bundled quizzes are published` });
    }
    return fresh;
  }

  function scanOwn(root: string): void {
    let names: string[];
    try {
      names = readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        startProblems.push({ file: root, message: `cannot read the folder: ${(error as Error).message}` });
      }
      return;
    }
    for (const name of names.sort()) {
      const dir = join(root, name);
      // A folder still being written when the app stopped: never a quiz, so it goes.
      if (name.startsWith('.incoming-')) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (name.startsWith('.')) continue;
      if (bundled.has(name)) {
        startProblems.push({ file: dir, message: `“${name}” is the id of a bundled quiz; this folder is left out` });
        continue;
      }
      const entry = readOwn(name, dir);
      if (entry) own.set(name, entry);
    }
  }

  function readOwn(quizId: string, dir: string): Entry | undefined {
    const bankFile = join(dir, BANK_FILE);
    const bankText = readText(bankFile);
    if (bankText === undefined) {
      startProblems.push({ file: dir, message: `no ${BANK_FILE}: not a quiz folder, left out` });
      return undefined;
    }
    let meta: QuizMeta;
    const metaText = readText(join(dir, META_FILE));
    const stamp = modifiedAt(bankFile);
    const fallback: QuizMeta = { format: 1, published: false, version: 1, createdAt: stamp, updatedAt: stamp, versionDates: {} };
    if (metaText === undefined) meta = fallback;
    else {
      try {
        const parsed = QuizMeta.safeParse(JSON.parse(metaText));
        if (parsed.success) meta = parsed.data;
        else {
          meta = fallback;
          startProblems.push({
            file: join(dir, META_FILE),
            message: `not valid (${parsed.error.issues[0]?.message}); the quiz is read as unpublished`,
          });
        }
      } catch (error) {
        meta = fallback;
        startProblems.push({
          file: join(dir, META_FILE),
          message: `not valid JSON (${(error as Error).message}); the quiz is read as unpublished`,
        });
      }
    }
    const articleText = readText(join(dir, ARTICLE_FILE)) ?? '';
    return {
      ...analyse(quizId, `${OWN_QUIZZES_DIR}/${quizId}/${BANK_FILE}`, bankText, articleText),
      articleText,
      origin: 'own',
      dir,
      meta,
      updatedAt: meta.updatedAt,
    };
  }

  /** Runs the same checker as load over a bank and its article, keeping the article even when the bank has problems. */
  function analyse(quizId: string, label: string, bankText: string, articleText: string) {
    let bankJson: unknown = null;
    try {
      bankJson = JSON.parse(bankText.replace(/^\uFEFF/u, ''));
    } catch {
      // loadQuiz names the line and column
    }
    const questions = isRecord(bankJson) && Array.isArray(bankJson['questions']) ? bankJson['questions'] : [];
    const result = loadQuiz({ bankFile: label, bankText, articleText });
    let problems = result.ok ? [] : result.problems;
    // An empty bank is a draft, not a broken one: the missing questions are its status, not a problem.
    if (questions.length === 0) problems = problems.filter((p) => !(p.field === 'questions' && NO_QUESTIONS.test(p.message)));
    if (result.ok && result.quiz.id !== quizId) {
      problems = [{ file: label, field: 'id', message: `the bank's id “${result.quiz.id}” is not this quiz's id “${quizId}”` }];
    }
    const source = Source.safeParse(isRecord(bankJson) ? (bankJson['source'] ?? {}) : {});
    const article = result.ok ? result.quiz.article : safeArticle(articleText, source.success ? source.data : {});
    const loaded = result.ok && problems.length === 0 ? result.quiz : undefined;
    return {
      quizId,
      bankText,
      bankJson,
      article,
      stats: articleStats(article),
      problems,
      questionCount: questions.length,
      ...(loaded ? { loaded } : {}),
    };
  }

  function bundledEntry(quiz: LoadedQuiz, dir: string | undefined): Entry {
    const bankText = jsonText(quiz.bank);
    return {
      quizId: quiz.id,
      origin: 'bundled',
      bankText,
      bankJson: quiz.bank,
      article: quiz.article,
      loaded: quiz,
      stats: articleStats(quiz.article),
      problems: [],
      questionCount: quiz.questions.length,
      updatedAt: dir ? modifiedAt(join(dir, quiz.id, BANK_FILE)) : new Date(0).toISOString(),
    };
  }

  function entryOf(quizId: string): Entry {
    const entry = bundled.get(quizId) ?? own.get(quizId);
    if (!entry) throw new ServiceError('quiz-not-found', `there is no quiz “${quizId}”`);
    return entry;
  }

  function ownEntryOf(quizId: string, doing: string): Entry & { dir: string; meta: QuizMeta } {
    const entry = entryOf(quizId);
    if (entry.origin === 'bundled' || !entry.dir || !entry.meta) {
      throw new ServiceError(
        'quiz-read-only',
        `“${titleOf(entry)}” came with Evident and cannot be changed; duplicate it to ${doing} a copy of your own`,
      );
    }
    return entry as Entry & { dir: string; meta: QuizMeta };
  }

  function titleOf(entry: Entry): string {
    if (entry.loaded) return entry.loaded.title;
    const title = isRecord(entry.bankJson) && typeof entry.bankJson['title'] === 'string' ? entry.bankJson['title'].trim() : '';
    return title || entry.article.headline || entry.quizId;
  }

  function isPublished(entry: Entry): boolean {
    if (entry.origin === 'own') return entry.meta?.published ?? false;
    return bundledMeta.bundled[entry.quizId]?.published ?? true;
  }

  function versionOfEntry(entry: Entry): number {
    return entry.meta?.version ?? 1;
  }

  /** Attempts by quiz and version, from one query. */
  function attemptCounts(): Map<string, Map<number, number>> {
    const counts = new Map<string, Map<number, number>>();
    for (const { quizId, quizVersion, count } of store.attemptCounts()) {
      const byVersion = counts.get(quizId) ?? new Map<number, number>();
      byVersion.set(quizVersion, count);
      counts.set(quizId, byVersion);
    }
    return counts;
  }

  const sum = (byVersion: Map<number, number> | undefined) => [...(byVersion?.values() ?? [])].reduce((n, c) => n + c, 0);

  function listEntry(entry: Entry, counts: Map<string, Map<number, number>>): LibraryEntry {
    const { stats } = entry;
    const published = isPublished(entry);
    return {
      quizId: entry.quizId,
      title: titleOf(entry),
      origin: entry.origin,
      status: published ? 'published' : entry.loaded && entry.questionCount > 0 ? 'ready' : 'draft',
      offered: published && entry.loaded !== undefined,
      questionCount: entry.questionCount,
      problemCount: entry.problems.length,
      attemptCount: sum(counts.get(entry.quizId)),
      version: versionOfEntry(entry),
      updatedAt: entry.updatedAt,
      words: stats.words,
      readingMinutes: stats.readingMinutes,
      ...(stats.gradeLevel !== undefined ? { gradeLevel: stats.gradeLevel } : {}),
      ...(entry.article.source.publication ? { publication: entry.article.source.publication } : {}),
      ...(entry.meta?.copiedFrom ? { copiedFrom: entry.meta.copiedFrom } : {}),
    };
  }

  function requireOwnFolder(): string {
    if (!ownRoot) throw new ServiceError('library-unavailable', 'this copy of Evident has no data folder to keep quizzes of your own in');
    return ownRoot;
  }

  /** Every id in use or once used: attempts of a deleted quiz must never be taken for a new one's. */
  function takenIds(): Set<string> {
    const taken = new Set<string>([...bundled.keys(), ...own.keys()]);
    for (const { quizId } of store.attemptCounts()) taken.add(quizId);
    if (ownRoot) {
      try {
        for (const name of readdirSync(ownRoot)) taken.add(name);
      } catch {
        // no folder yet
      }
    }
    return taken;
  }

  function reload(quizId: string): Entry {
    const dir = join(requireOwnFolder(), quizId);
    const entry = readOwn(quizId, dir);
    if (!entry) throw new ServiceError('quiz-not-found', `the quiz “${quizId}” could not be read back after saving`);
    own.set(quizId, entry);
    return entry;
  }

  function refuseDuringSession(quizId: string, doing: string): void {
    if (store.unendedSessions().some((s) => s.quizId === quizId)) {
      throw new ServiceError('quiz-in-session', `a class session is running on this quiz; end it before you ${doing} it`);
    }
  }

  function loadVersion(entry: Entry, version: number): LoadedQuiz | undefined {
    if (version === versionOfEntry(entry)) return entry.loaded;
    if (!entry.dir) return undefined;
    let versions = versionCache.get(entry.quizId);
    if (!versions) versionCache.set(entry.quizId, (versions = new Map()));
    if (!versions.has(version)) {
      const dir = join(entry.dir, VERSIONS_DIR, String(version));
      const bankText = readText(join(dir, BANK_FILE));
      const articleText = readText(join(dir, ARTICLE_FILE));
      const result =
        bankText === undefined || articleText === undefined
          ? undefined
          : loadQuiz({ bankFile: `${OWN_QUIZZES_DIR}/${entry.quizId}/${VERSIONS_DIR}/${version}/${BANK_FILE}`, bankText, articleText });
      versions.set(version, result?.ok ? result.quiz : undefined);
    }
    return versions.get(version);
  }

  /** Any quiz an attempt may name: listed ones, and deleted ones kept for their attempts. */
  const anyEntry = (quizId: string) => bundled.get(quizId) ?? own.get(quizId) ?? retired.get(quizId);

  const catalogue: QuizCatalogue = {
    current: (quizId) => anyEntry(quizId)?.loaded,
    atVersion(quizId, version) {
      const entry = anyEntry(quizId);
      return entry ? loadVersion(entry, version) : undefined;
    },
    versionOf: (quizId) => {
      const entry = anyEntry(quizId);
      return entry ? versionOfEntry(entry) : 1;
    },
    loaded: () => allEntries().flatMap((e) => (e.loaded ? [e.loaded] : [])),
    offered: () => allEntries().flatMap((e) => (e.loaded && isPublished(e) ? [e.loaded] : [])),
    isOffered: (quizId) => {
      const entry = bundled.get(quizId) ?? own.get(quizId);
      return entry?.loaded !== undefined && isPublished(entry);
    },
  };

  /** Bundled first, then own quizzes, each in id order: a stable order for lists that do not sort. */
  function allEntries(): Entry[] {
    return [...bundled.values(), ...[...own.values()].sort((a, b) => (a.quizId < b.quizId ? -1 : 1))];
  }

  const channels: LibraryChannels = {
    libraryList() {
      const counts = attemptCounts();
      return allEntries().map((entry) => listEntry(entry, counts));
    },

    createQuiz({ article }) {
      const root = requireOwnFolder();
      const quizId = quizIdFrom(article.title, takenIds());
      const stamp = now().toISOString();
      const bank = { id: quizId, article: ARTICLE_FILE, questions: [] };
      writeFolderAtomic(join(root, quizId), {
        [BANK_FILE]: jsonText(bank),
        [ARTICLE_FILE]: reviewedArticleText(article),
        [META_FILE]: jsonText(firstVersionMeta(stamp)),
      });
      reload(quizId);
      return { quizId };
    },

    getQuizSource({ quizId }): QuizSource {
      const entry = entryOf(quizId);
      const counts = attemptCounts().get(quizId);
      const version = versionOfEntry(entry);
      return {
        quizId,
        title: titleOf(entry),
        origin: entry.origin,
        version,
        published: isPublished(entry),
        attemptCount: sum(counts),
        attemptsAtVersion: counts?.get(version) ?? 0,
        article: sourceArticle(entry.article),
        bank: entry.bankJson as QuizSource['bank'],
        problems: entry.problems.map(wireProblem),
      };
    },

    saveQuizBank({ quizId, bank }) {
      const entry = ownEntryOf(quizId, 'edit');
      if (!isRecord(bank)) throw new ServiceError('invalid-bank', 'a bank is a JSON object with an id and its questions');
      if (bank['id'] !== undefined && bank['id'] !== quizId) {
        throw new ServiceError('invalid-bank', `the bank's id “${String(bank['id']).slice(0, 80)}” is not this quiz's id “${quizId}”`);
      }
      if (bank['article'] !== undefined && bank['article'] !== ARTICLE_FILE) {
        throw new ServiceError('invalid-bank', `the bank's article must stay “${ARTICLE_FILE}”, the article stored with the quiz`);
      }
      const text = jsonText({ ...bank, id: quizId });
      if (Buffer.byteLength(text) > MAX_BANK_BYTES) {
        throw new ServiceError('invalid-bank', `the bank is larger than ${MAX_BANK_BYTES / 1024 / 1024} MB`);
      }
      refuseDuringSession(quizId, 'edit');
      const current = entry.meta.version;
      // Attempts were taken on the current version: it is kept as it is, and the edit starts the next.
      const newVersion = (attemptCounts().get(quizId)?.get(current) ?? 0) > 0;
      const stamp = now().toISOString();
      const meta: QuizMeta = { ...entry.meta, updatedAt: stamp };
      if (newVersion) {
        const archive = join(entry.dir, VERSIONS_DIR, String(current));
        if (!existsSync(archive)) {
          writeFolderAtomic(archive, {
            [BANK_FILE]: entry.bankText,
            [ARTICLE_FILE]: readText(join(entry.dir, ARTICLE_FILE)) ?? '',
          });
        }
        meta.version = current + 1;
        meta.versionDates = { ...meta.versionDates, [String(current + 1)]: stamp };
      }
      // The version is recorded before the bank changes: a crash between leaves the new version
      // number on the old bank (the same questions), never a changed bank under an old number.
      writeFileAtomic(join(entry.dir, META_FILE), jsonText(meta));
      writeFileAtomic(join(entry.dir, BANK_FILE), text);
      const saved = reload(quizId);
      const published = isPublished(saved);
      return {
        version: saved.meta?.version ?? 1,
        newVersion,
        problems: saved.problems.map(wireProblem),
        status: published ? 'published' : saved.loaded && saved.questionCount > 0 ? 'ready' : 'draft',
      };
    },

    publishQuiz({ quizId, published }) {
      const entry = entryOf(quizId);
      if (published) {
        if (entry.questionCount === 0) {
          throw new ServiceError('quiz-has-no-questions', `“${titleOf(entry)}” has no questions yet; add some before publishing it`);
        }
        if (!entry.loaded) {
          const count = entry.problems.length;
          const first = entry.problems[0];
          const where = first ? ` (first: ${[first.questionId, first.field, first.message].filter(Boolean).join(': ')})` : '';
          throw new ServiceError(
            'quiz-has-problems',
            `“${titleOf(entry)}” has ${count} problem${count === 1 ? '' : 's'} to fix before students can take it${where}`,
          );
        }
      }
      if (entry.origin === 'bundled') {
        if (!bundledMetaFile) throw new ServiceError('library-unavailable', 'this copy of Evident has no data folder to keep that in');
        bundledMeta.bundled[quizId] = { published };
        writeFileAtomic(bundledMetaFile, jsonText(bundledMeta));
      } else {
        const mine = ownEntryOf(quizId, 'publish');
        writeFileAtomic(join(mine.dir, META_FILE), jsonText({ ...mine.meta, published, updatedAt: now().toISOString() }));
        reload(quizId);
      }
      return listEntry(entryOf(quizId), attemptCounts());
    },

    renameQuiz({ quizId, title: given }) {
      const entry = ownEntryOf(quizId, 'rename');
      const title = oneLine(given);
      if (title === '') throw new ServiceError('invalid-bank', 'a quiz needs a title');
      if (!isRecord(entry.bankJson)) {
        throw new ServiceError('invalid-bank', `the bank of “${quizId}” is not valid JSON; fix it before renaming the quiz`);
      }
      refuseDuringSession(quizId, 'rename');
      // The title is not scored: it changes in place, whatever version attempts were taken on.
      writeFileAtomic(join(entry.dir, BANK_FILE), jsonText({ ...entry.bankJson, title }));
      writeFileAtomic(join(entry.dir, META_FILE), jsonText({ ...entry.meta, updatedAt: now().toISOString() }));
      return listEntry(reload(quizId), attemptCounts());
    },

    duplicateQuiz({ quizId, title: asked }) {
      const root = requireOwnFolder();
      const entry = entryOf(quizId);
      if (!isRecord(entry.bankJson)) {
        throw new ServiceError('invalid-bank', `the bank of “${quizId}” is not valid JSON; fix it before duplicating the quiz`);
      }
      const articleText = entry.articleText ?? readBundledArticle(entry);
      const title = oneLine(asked ?? '') || `${titleOf(entry)} (copy)`;
      const newId = quizIdFrom(title, takenIds());
      const bank = withoutSchema(entry.bankJson);
      writeFolderAtomic(join(root, newId), {
        [BANK_FILE]: jsonText({ ...bank, id: newId, title, article: ARTICLE_FILE }),
        [ARTICLE_FILE]: articleText,
        [META_FILE]: jsonText(firstVersionMeta(now().toISOString(), { copiedFrom: quizId })),
      });
      reload(newId);
      return { quizId: newId };
    },

    exportQuizFile({ quizId }) {
      const entry = entryOf(quizId);
      if (!isRecord(entry.bankJson)) {
        throw new ServiceError('invalid-bank', `the bank of “${titleOf(entry)}” is not valid JSON; fix it before sharing the quiz`);
      }
      const title = titleOf(entry);
      const bytes = writeQuizFile({
        title,
        quizVersion: versionOfEntry(entry),
        article: entry.article,
        articleText: entry.articleText ?? readBundledArticle(entry),
        bank: { ...entry.bankJson, title },
        exportedAt: now().toISOString(),
      });
      return { fileName: quizFileName(title), base64: Buffer.from(bytes).toString('base64') };
    },

    importQuizFile({ fileName, base64 }) {
      const root = requireOwnFolder();
      // Everything is read and checked in memory before anything is written.
      const file = openQuizFile(fileName, Buffer.from(base64, 'base64'));
      const title = unusedTitle(file.manifest.title);
      const quizId = quizIdFrom(title, takenIds());
      const bank = withoutSchema(file.bank);
      const bankText = jsonText({ ...bank, id: quizId, title, article: ARTICLE_FILE });
      if (Buffer.byteLength(bankText) > MAX_BANK_BYTES) {
        throw new ServiceError(
          'invalid-quiz-file',
          `“${fileName}” cannot be imported: bank.json: the bank is larger than ${MAX_BANK_BYTES / 1024 / 1024} MB`,
        );
      }
      const checked = analyse(quizId, `“${fileName}”: ${BANK_FILE}`, bankText, file.articleText);
      const meta = firstVersionMeta(now().toISOString(), {
        importedFrom: { fileName: fileName.slice(0, 300), exportedAt: file.manifest.exportedAt, quizVersion: file.manifest.quizVersion },
      });
      const dir = join(root, quizId);
      // Written into a temporary folder and renamed into place; removed again if it cannot be read back.
      writeFolderAtomic(dir, { [BANK_FILE]: bankText, [ARTICLE_FILE]: file.articleText, [META_FILE]: jsonText(meta) });
      try {
        reload(quizId);
      } catch (error) {
        own.delete(quizId);
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      return { quizId, title, questionCount: checked.questionCount, problems: checked.problems.map(wireProblem) };
    },

    deleteQuiz({ quizId }) {
      const entry = entryOf(quizId);
      if (entry.origin === 'bundled') {
        throw new ServiceError(
          'quiz-read-only',
          `“${titleOf(entry)}” came with Evident and cannot be deleted; unpublish it to hide it from students`,
        );
      }
      const mine = ownEntryOf(quizId, 'delete');
      refuseDuringSession(quizId, 'delete');
      const attemptsKept = sum(attemptCounts().get(quizId));
      const deletedRoot = join(requireOwnFolder(), DELETED_DIR);
      const aside = join(deletedRoot, quizId);
      mkdirSync(deletedRoot, { recursive: true });
      // A quiz deleted earlier under this id had no attempts: ids with attempts are never reused.
      rmSync(aside, { recursive: true, force: true });
      renameSync(mine.dir, aside);
      own.delete(quizId);
      const kept = readOwn(quizId, aside);
      if (kept) retired.set(quizId, kept);
      return { deleted: true as const, attemptsKept };
    },
  };

  /** `title`, or `title (2)`, `title (3)`… when a quiz in the library already has it (case aside). */
  function unusedTitle(title: string): string {
    const titles = new Set(allEntries().map((entry) => titleOf(entry).toLowerCase()));
    if (!titles.has(title.toLowerCase())) return title;
    for (let n = 2; ; n++) {
      const candidate = `${title} (${n})`;
      if (!titles.has(candidate.toLowerCase())) return candidate;
    }
  }

  /** A bundled quiz's article file as it is in questions/. */
  function readBundledArticle(entry: Entry): string {
    const name = isRecord(entry.bankJson) && typeof entry.bankJson['article'] === 'string' ? entry.bankJson['article'] : ARTICLE_FILE;
    const text = options.bundledDir ? readText(join(options.bundledDir, entry.quizId, name)) : undefined;
    if (text === undefined) throw new ServiceError('quiz-not-found', `the article of “${entry.quizId}” could not be read to copy it`);
    return text;
  }

  return {
    catalogue,
    channels,
    articleOf: (quizId) => (bundled.get(quizId) ?? own.get(quizId))?.article,
    problems: startProblems,
  };
}

function safeArticle(articleText: string, source: Article['source']): Article {
  try {
    return parseArticle(articleText, source);
  } catch {
    return parseArticle('', source);
  }
}

function sourceArticle(article: Article): SourceArticle {
  return {
    headline: article.headline,
    ...(article.byline ? { byline: article.byline } : {}),
    ...(article.standfirst ? { standfirst: article.standfirst } : {}),
    source: { ...article.source },
    captions: article.captions.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      text: c.text,
      ...(c.credit ? { credit: c.credit } : {}),
      ...(c.sentences ? { sentences: c.sentences.map((s) => ({ id: s.id, text: s.text })) } : {}),
    })),
    paragraphs: article.paragraphs.map((p) => ({
      id: p.id,
      number: p.number,
      sentences: p.sentences.map((s) => ({ id: s.id, text: s.text })),
    })),
  };
}

function wireProblem(problem: Problem): QuizProblem {
  return {
    ...(problem.questionId !== undefined ? { questionId: problem.questionId } : {}),
    ...(problem.field ? { field: problem.field } : {}),
    message: problem.message,
    ...(problem.line !== undefined ? { line: problem.line } : {}),
    ...(problem.column !== undefined ? { column: problem.column } : {}),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
