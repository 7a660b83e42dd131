import { describe, expect, it } from 'vitest';
import { planStart, type ElectronRuntime } from '../../scripts/start.ts';

// `npm start` decides between the desktop app and the browser build; the probes of Electron's
// runtime are injected, so each machine the README promises to run on is played here.

function runtime(installed: boolean, downloadWorks: boolean) {
  const calls = { binary: 0, install: 0 };
  let present = installed;
  const probe: ElectronRuntime = {
    binary: () => {
      calls.binary++;
      return present ? '/electron/dist/electron' : undefined;
    },
    install: () => {
      calls.install++;
      if (downloadWorks) present = true;
    },
  };
  return { probe, calls };
}

describe('npm start', () => {
  it('runs the desktop app where Electron’s runtime is installed, without fetching anything', () => {
    const { probe, calls } = runtime(true, false);
    expect(planStart([], probe)).toEqual({ mode: 'electron', binary: '/electron/dist/electron' });
    expect(calls.install).toBe(0);
  });

  it('fetches the runtime once where it is missing, then runs the desktop app', () => {
    const { probe, calls } = runtime(false, true);
    expect(planStart([], probe)).toEqual({ mode: 'electron', binary: '/electron/dist/electron' });
    expect(calls.install).toBe(1);
  });

  it('starts the browser build, saying why in one sentence, where the runtime cannot be fetched', () => {
    const { probe, calls } = runtime(false, false);
    const plan = planStart([], probe);
    expect(plan.mode).toBe('browser');
    expect(calls.install).toBe(1);
    const reason = plan.mode === 'browser' ? (plan.reason ?? '') : '';
    expect(reason).toMatch(/could not be downloaded/);
    expect(reason).toMatch(/browser/);
    expect(reason.split(/[.!?](\s|$)/).filter((s) => s.trim() !== '')).toHaveLength(1);
  });

  it('starts the browser build on purpose with --browser, without probing or fetching Electron', () => {
    const { probe, calls } = runtime(true, true);
    expect(planStart(['--port', '5180', '--browser'], probe)).toEqual({ mode: 'browser' });
    expect(calls).toEqual({ binary: 0, install: 0 });
  });
});
