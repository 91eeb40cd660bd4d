// The CLI in-process: --help on every command, clear usage errors, list --json.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const commands = ['grade', 'report', 'leaderboard', 'list', 'data', 'bench', 'profile'];

function capture() {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  return out;
}
afterEach(() => vi.restoreAllMocks());

describe('gradebench CLI', () => {
  test.each(commands)('%s --help prints its usage and exits 0', async (name) => {
    const out = capture();
    expect(await main([name, '--help'])).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`gradebench ${name}`));
  });
  test('no command prints the command list and exits 2', async () => {
    const out = capture();
    expect(await main([])).toBe(2);
    expect(out.join('\n')).toMatch(/Commands:[\s\S]*grade[\s\S]*leaderboard/);
  });
  test('an unknown command or option is a usage error (exit 2) that says what was wrong', async () => {
    const out = capture();
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main(['grade', '--colour'])).toBe(2);
    expect(await main(['grade', '--tier', 'huge'])).toBe(2);
    expect(out.join('\n')).toMatch(/unknown command 'frobnicate'[\s\S]*--colour[\s\S]*--tier must be one of smoke, standard, full/);
  });
  test('list --json gives every catalog id with its status', async () => {
    const out = capture();
    expect(await main(['list', '--json'])).toBe(0);
    const list = JSON.parse(out.join('\n')) as Array<{ id: string; status: string }>;
    expect(list).toHaveLength(33);
    expect(list.find((a) => a.id === 'leiden-xor')?.status).toBe('implemented');
  });
});
