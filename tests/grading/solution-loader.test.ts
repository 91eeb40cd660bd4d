import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { guard, loadHost } from '../../src/grading/solution-loader.ts';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'solutions-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

interface Toy { double(x: Float64Array): Float64Array; mutate(x: Float64Array): number; tensor(): unknown; slow(): number; boom(): number }
const toy = folder({
  'toy/index.js': `export default {
    double: (x) => x.map((v) => 2 * v),
    mutate: (x) => { x[0] = 99; return x[0]; },
    tensor: () => ({ f: () => 1 }),
    slow: () => new Promise((r) => setTimeout(() => r(1), 5000)),
    boom: () => { throw new RangeError('index out of range'); },
  };`,
  'noexport/index.js': 'export const x = 1;',
  'partial/index.js': 'export default { double: (x) => x };',
  'syntax/index.js': 'export default {',
});

describe('loading a solution', () => {
  test('a missing assignment is SOLUTION_MISSING naming the folder', async () => {
    await expect(loadHost('absent', toy, [])).rejects.toThrow(/SOLUTION_MISSING.*no absent\/index.ts/);
  });
  test('a module without a default export, or lacking functions, is SOLUTION_NOT_A_CONTRACT', async () => {
    await expect(loadHost('noexport', toy, ['double'])).rejects.toThrow(/SOLUTION_NOT_A_CONTRACT/);
    await expect(loadHost('partial', toy, ['double', 'train'])).rejects.toThrow(/lacks contract function\(s\): train/);
  });
  test('a module that fails to import is SOLUTION_LOAD_FAILED', async () => {
    await expect(loadHost('syntax', toy, [])).rejects.toThrow(/SOLUTION_LOAD_FAILED/);
  });
});

describe('calling a solution across the data boundary', () => {
  const sol = async () => guard<Toy>(await loadHost('toy', toy, ['double']), () => 200);
  test('results come back as data', async () => {
    expect(Array.from(await (await sol()).double(Float64Array.from([1, 2])))).toEqual([2, 4]);
  });
  test('arguments are copies: a solution cannot change the grader\'s data', async () => {
    const x = Float64Array.from([1, 2]);
    expect(await (await sol()).mutate(x)).toBe(99);
    expect(x[0]).toBe(1);
  });
  test('a result that is not plain data is SOLUTION_BAD_OUTPUT', async () => {
    await expect((await sol()).tensor()).rejects.toThrow(/SOLUTION_BAD_OUTPUT.*toy.tensor.*not plain data/);
  });
  test('an overrun is SOLUTION_TIMEOUT with the budget', async () => {
    await expect((await sol()).slow()).rejects.toThrow(/SOLUTION_TIMEOUT.*toy.slow.*budget of 0.2 s/);
  });
  test('a throw is SOLUTION_THREW with the error type and message', async () => {
    await expect((await sol()).boom()).rejects.toThrow(/SOLUTION_THREW.*toy.boom: threw RangeError: index out of range/);
  });
});
