// Three projects: the harness's own units, the assignments' specs (graded against the reference
// solutions by `npm test`, against any folder by `gradebench grade`), and the meta-tests that grade
// the broken fixtures and expect the targeted requirements to fail.
import { defineConfig } from 'vitest/config';
import { withHugePages } from './src/engine/malloc-tunables.ts';

// Workers inherit it: huge pages for large typed arrays (src/engine/malloc-tunables.ts).
process.env.GLIBC_TUNABLES = withHugePages();

const tier = process.env.GRADEBENCH_TIER ?? 'standard';
// Generous: several times what the reference needs here; never a speed test.
const specTimeout = tier === 'full' ? 6 * 3600_000 : tier === 'smoke' ? 120_000 : 600_000;

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    setupFiles: ['./src/engine/vitest-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/meta/**'], testTimeout: 300_000 } },
      { extends: true, test: { name: 'specs', include: ['specs/**/*.spec.ts'], testTimeout: specTimeout, hookTimeout: specTimeout } },
      { extends: true, test: { name: 'meta', include: ['tests/meta/**/*.test.ts'], testTimeout: 1200_000, hookTimeout: 1200_000 } },
    ],
  },
});
