import { describe, expect, test } from 'vitest';
import { portablePaths } from '../../src/report/portable-paths.ts';

describe('portablePaths', () => {
  test('project paths become relative, home paths start with ~, the rest stays', () => {
    const run = { solutions: '/work/main/solutions', root: '/work/main', cache: '/root/.cache/gradebench',
      isolation: { readable: ['/work/main/node_modules/seedrandom/', '<build>/runtime/'] }, seed: 0, other: '/usr/share/x' };
    expect(portablePaths(run, '/work/main', '/root')).toEqual({ solutions: 'solutions', root: '.', cache: '~/.cache/gradebench',
      isolation: { readable: ['node_modules/seedrandom/', '<build>/runtime/'] }, seed: 0, other: '/usr/share/x' });
  });
});
