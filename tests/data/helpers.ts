// Shared by the dataset tests: fixture and mirror locations, temporary folders, and the rule the
// fuzz tests enforce (a reader either returns or throws a DatasetError, nothing else).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { DatasetError, type DatasetErrorCode } from '../../src/data/errors.ts';
import { DEFAULT_MIRROR } from '../../src/data/places.ts';
import { existsSync } from 'node:fs';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/data');
export const MIRROR = process.env.GRADEBENCH_MIRROR ? resolve(process.env.GRADEBENCH_MIRROR) : DEFAULT_MIRROR;
export const HAS_MIRROR = existsSync(join(MIRROR, 'MANIFEST.md'));

/** A cache shared by test runs on this machine (decoded arrays, checksums), apart from the user's. */
export const TEST_CACHE = join(tmpdir(), 'gradebench-test-cache');

const made: string[] = [];
export function tempDir(prefix = 'gb-data-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Runs fn; returns its value, or undefined when it threw a DatasetError; anything else fails. */
export function onlyDatasetErrors<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof DatasetError)) throw new Error(`expected a DatasetError, got ${String(e)}`, { cause: e });
    expect(e.message.length).toBeGreaterThan(10);
    return undefined;
  }
}

export async function onlyDatasetErrorsAsync<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof DatasetError)) throw new Error(`expected a DatasetError, got ${String(e)}`, { cause: e });
    return undefined;
  }
}

export function expectCode(fn: () => unknown, code: DatasetErrorCode): DatasetError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    expect((e as DatasetError).code).toBe(code);
    return e as DatasetError;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

export async function expectCodeAsync(p: Promise<unknown>, code: DatasetErrorCode): Promise<DatasetError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    expect((e as DatasetError).code).toBe(code);
    return e as DatasetError;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

/** Pixel formula the fixtures use (fixtures/data/README.md). */
export const fixturePixel = (i: number, y: number, x: number, c: number): number => (i * 37 + y * 7 + x * 3 + c * 50) % 256;
