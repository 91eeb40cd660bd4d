// The catalog is data that everything else keys on: it must match CATALOG.md, and every
// implemented assignment must have all four parts under the same id.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { catalog, selectAssignments } from '../src/catalog.ts';
import { registeredDatasets } from '../src/data/index.ts';

const root = path.resolve(import.meta.dirname, '..');
const catalogMd = path.resolve(root, '../shared/CATALOG.md');

describe('catalog', () => {
  test('ids are unique', () => {
    expect(new Set(catalog.map((a) => a.id)).size).toBe(catalog.length);
  });
  test.runIf(existsSync(catalogMd))('has exactly the ids of ../shared/CATALOG.md', () => {
    const ids = [...readFileSync(catalogMd, 'utf8').matchAll(/^\| ([a-z0-9-]+) \|/gm)].map((m) => m[1]).filter((id) => id !== 'id');
    expect(catalog.map((a) => a.id).sort()).toEqual(ids.sort());
  });
  test.each(catalog.filter((a) => a.status === 'implemented'))('$id has a contract, solution, spec and template', ({ id }) => {
    for (const rel of [`src/contracts/${id}.ts`, `solutions/${id}/index.ts`, `specs/${id}.spec.ts`, `templates/${id}.md.hbs`]) {
      expect(existsSync(path.join(root, rel)), rel).toBe(true);
    }
  });
  test('every dataset an assignment names is registered in the dataset layer', () => {
    const known = new Set(registeredDatasets().map((d) => d.spec.name));
    expect(catalog.flatMap((a) => a.datasets).filter((d) => !known.has(d))).toEqual([]);
  });
  test('every spec file belongs to an implemented assignment', () => {
    const specs = catalog.filter((a) => existsSync(path.join(root, 'specs', `${a.id}.spec.ts`)));
    expect(specs.every((a) => a.status === 'implemented')).toBe(true);
  });
  test('selecting an unknown id names it and says how to list ids', () => {
    expect(() => selectAssignments(['leiden-xor', 'nope'])).toThrow(/unknown assignment id\(s\): nope.*gradebench list/);
  });
});
