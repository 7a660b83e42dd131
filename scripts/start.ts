import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../src/service/server-flags.ts';

// `npm start` (after `electron-vite build`): the desktop app where Electron's runtime is there or
// can be fetched, the same app in a browser where it cannot. Electron's package downloads its
// runtime on first use and, where that fails, ends in a stack trace from inside node_modules;
// this tries the download once (electron's own install.js), and otherwise says so in one
// sentence and serves the browser build (out/main/serve.js, as `npm run serve` does), whose
// address it prints. `npm start -- --browser` goes to the browser on purpose. Other arguments
// go to whichever starts (`npm start -- --browser --port 5180`).

export type StartPlan = { mode: 'electron'; binary: string } | { mode: 'browser'; reason?: string };

export interface ElectronRuntime {
  /** The runtime's executable when it is installed, else undefined. */
  binary(): string | undefined;
  /** Tries to download the runtime (may take a while, may fail); its outcome is read back through binary(). */
  install(): void;
}

/** What `npm start` runs: decided here, without side effects beyond the runtime's own probes. */
export function planStart(args: readonly string[], runtime: ElectronRuntime): StartPlan {
  if (args.includes('--browser')) return { mode: 'browser' };
  const installed = runtime.binary();
  if (installed) return { mode: 'electron', binary: installed };
  runtime.install();
  const fetched = runtime.binary();
  if (fetched) return { mode: 'electron', binary: fetched };
  return {
    mode: 'browser',
    reason:
      'Electron’s runtime is not installed and could not be downloaded here, so Evident starts in your browser instead: open the address below.',
  };
}

/** The `electron` package's own runtime, found as its index.js finds it. */
export function electronRuntime(): ElectronRuntime {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  return {
    binary() {
      const pathFile = join(packageDir, 'path.txt');
      if (!existsSync(pathFile)) return undefined;
      const executable = readFileSync(pathFile, 'utf8').trim();
      const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] || join(packageDir, 'dist');
      const binary = join(distDir, executable);
      return existsSync(binary) ? binary : undefined;
    },
    install() {
      console.log('Fetching Electron’s runtime (once)…');
      // Its own output is a stack trace when the download fails: kept out of the user's way.
      spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
    },
  };
}

function run(command: string, args: string[]): void {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const plan = planStart(args, electronRuntime());
  const rest = args.filter((a) => a !== '--browser');
  if (plan.mode === 'electron') {
    run(plan.binary, ['.', ...rest]);
  } else {
    if (plan.reason) console.log(plan.reason);
    run(process.execPath, [...SERVER_NODE_FLAGS, join(import.meta.dirname, '../out/main/serve.js'), ...rest]);
  }
}
