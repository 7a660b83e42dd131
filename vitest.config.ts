import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Suites that take tens of seconds each: property-based fuzzing, crash trials that kill processes,
// CLI tests that start a Node process per case, and loading the whole lint config. Every other
// unit and component test runs in the fast loop.
const SLOW = [
  'tests/unit/fuzz.test.ts',
  'tests/unit/fuzz-classroom.test.ts',
  'tests/unit/quiz-file-fuzz.test.ts',
  'tests/unit/crash.test.ts',
  'tests/unit/*-cli.test.ts',
  'tests/unit/lint-layers.test.ts',
];

export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: SLOW, environment: 'node' },
      },
      {
        // The property-based fuzzing and the kill-the-process crash trials: most of the unit time.
        // `npm test` runs them; `npm run test:fast` leaves them out.
        extends: true,
        test: { name: 'slow', include: SLOW, environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'jsdom',
          // svelteTesting()'s automatic cleanup is not inherited by projects; set it up here.
          setupFiles: ['@testing-library/svelte/vitest'],
        },
      },
    ],
  },
});
