import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { openApp, type OpenedApp } from './app.ts';
import { startupProblem } from './storage-errors.ts';
import { startHttpServer } from './http.ts';

// `npm run serve -- --port 5174 --data-dir ./.data`: the app in a browser, on this machine only.
// The teacher can host a class session from it too: the session server then listens on the
// network interface and port picked in the app, answering students' operations only.

const usage = `usage: npm run serve -- [--port 5174] [--host 127.0.0.1] [--data-dir .data] [--questions questions] [--renderer out/renderer]`;

function main(): Promise<void> | void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '5174' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string', default: '.data' },
        questions: { type: 'string', default: 'questions' },
        renderer: { type: 'string', default: 'out/renderer' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) return console.log(usage);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not “${values.port}”\n${usage}`);
    process.exit(2);
  }
  const rendererDir = resolve(values.renderer);
  let opened: OpenedApp;
  try {
    opened = openApp({
      questionsDir: resolve(values.questions),
      dataDir: resolve(values['data-dir']),
      rendererDir,
      warn: (message) => console.warn(message),
    });
  } catch (error) {
    // One sentence, no stack trace: a second server on this folder, a full or read-only disk.
    console.error(startupProblem(error, resolve(values['data-dir'])));
    process.exit(1);
  }
  const { service, store, classroom, dataLock, watchSession, csvExport } = opened;
  return startHttpServer({ service, rendererDir, host: values.host, port, watchSession, csvExport }).then(async (server) => {
    console.log(`Evident is serving ${server.url} (data in ${resolve(values['data-dir'])})`);
    // A class session that was running when this server stopped comes back, on its own address.
    await classroom.resume();
    const stop = () => {
      void Promise.all([server.close(), classroom.stop()]).finally(() => {
        store.close();
        dataLock.release();
        process.exit(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

await main();
