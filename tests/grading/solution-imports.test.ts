// What a submission may import once it is bundled for the isolated host: files inside its own
// root folder, the public kit (src/kit.ts), @tensorflow/tfjs and node: built-ins. The negative
// controls in fixtures/broken/ may also import the reference solutions in solutions/ (the meta-test
// grants that root). Type-only imports are erased by the bundler and allowed from anywhere, but
// must be written `import type` / `export type` so that this is visible. This scans every source
// file of both trees and lists each import that the bundler would refuse.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { distanceKnnPackages } from '../../src/contracts/leiden-distance-knn.ts';

const root = path.resolve(import.meta.dirname, '../..');
const kit = path.join(root, 'src', 'kit.ts');
const solutionsRoot = path.join(root, 'solutions');
const brokenRoot = path.join(root, 'fixtures', 'broken');
const sourceExt = /\.(c|m)?(t|j)sx?$/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return sourceExt.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const inside = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** The folders a file may import from: its submission root, plus solutions/ for a negative control. */
function trustedRoots(file: string): string[] {
  if (inside(solutionsRoot, file)) return [solutionsRoot];
  const variant = path.relative(brokenRoot, file).split(path.sep)[0];
  return [path.join(brokenRoot, variant), solutionsRoot];
}

interface Use {
  specifier: string;
  line: number;
  typeOnly: boolean;
  /** Why a non-literal or suspicious form is refused regardless of its specifier. */
  note?: string;
}

export function importsOf(file: string): Use[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const uses: Use[] = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      let typeOnly = !!c?.isTypeOnly;
      let note: string | undefined;
      if (c && !typeOnly && !c.name && c.namedBindings && ts.isNamedImports(c.namedBindings)) {
        const els = c.namedBindings.elements;
        if (els.length > 0 && els.every((e) => e.isTypeOnly)) note = 'only type specifiers: write `import type`';
      }
      uses.push({ specifier: n.moduleSpecifier.text, line: line(n), typeOnly, note });
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      uses.push({ specifier: n.moduleSpecifier.text, line: line(n), typeOnly: n.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      const e = n.moduleReference.expression;
      uses.push({ specifier: ts.isStringLiteral(e) ? e.text : '', line: line(n), typeOnly: n.isTypeOnly, note: ts.isStringLiteral(e) ? undefined : 'non-literal specifier' });
    } else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) {
      const a = n.arguments[0];
      const literal = a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a));
      uses.push({ specifier: literal ? a.text : '', line: line(n), typeOnly: false, note: literal ? undefined : 'non-literal specifier' });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return uses;
}

/** Why the bundler would refuse this import of `file`, or undefined when it is allowed. */
export function refusal(file: string, use: Use): string | undefined {
  if (use.note) return use.note;
  if (use.typeOnly) return undefined;
  const s = use.specifier;
  if (s === '@tensorflow/tfjs' || s.startsWith('node:')) return undefined;
  if (!s.startsWith('.') && !s.startsWith('/')) {
    const id = path.relative(root, file).split(path.sep).find((part) => part in assignmentPackages);
    if (id && assignmentPackages[id].includes(s)) return undefined;
    return 'package not allowed (only @tensorflow/tfjs, node: built-ins and the packages its contract names)';
  }
  const target = path.resolve(path.dirname(file), s);
  if (!existsSync(target) || !statSync(target).isFile()) return `does not resolve to a file (${path.relative(root, target)})`;
  if (target === kit) return undefined;
  if (trustedRoots(file).some((r) => inside(r, target))) return undefined;
  return `outside the submission (${path.relative(root, target)})`;
}

const files = [...sourceFiles(solutionsRoot), ...sourceFiles(brokenRoot)];

// Packages an assignment's contract lets solutions import (its spec passes the same list to the host).
const assignmentPackages: Record<string, readonly string[]> = { 'leiden-distance-knn': distanceKnnPackages };
const pending = new Set<string>(); // refusals awaiting a decision (none today)

function refusals(): Array<{ key: string; message: string }> {
  return files.flatMap((file) =>
    importsOf(file).flatMap((u) => {
      const why = refusal(file, u);
      const rel = path.relative(root, file).split(path.sep).join('/');
      return why ? [{ key: `${rel} '${u.specifier}'`, message: `${rel}:${u.line} '${u.specifier}': ${why}` }] : [];
    }),
  );
}

/** Every file the kit reaches through relative imports (values and types), and the packages it names. */
function kitClosure(): { files: string[]; packages: string[]; valueBuiltins: string[] } {
  const seen = new Set<string>([kit]);
  const packages = new Set<string>(), valueBuiltins = new Set<string>();
  const queue = [kit];
  for (let file = queue.pop(); file; file = queue.pop()) {
    for (const u of importsOf(file)) {
      if (u.specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), u.specifier);
        if (!seen.has(target)) { seen.add(target); queue.push(target); }
      } else if (u.specifier.startsWith('node:')) {
        if (!u.typeOnly) valueBuiltins.add(u.specifier);
      } else packages.add(u.specifier);
    }
  }
  return { files: [...seen].map((f) => path.relative(root, f).split(path.sep).join('/')).sort(), packages: [...packages].sort(), valueBuiltins: [...valueBuiltins] };
}

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const contractIds = readdirSync(path.join(root, 'src', 'contracts'))
  .filter((f) => f.endsWith('.ts') && f !== 'images.ts') // images.ts: shared types, no contract
  .map((f) => f.slice(0, -3));

describe('solution imports', () => {
  test('finds the submissions to scan', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(path.join(solutionsRoot, 'leiden-xor', 'index.ts'));
  });

  test('solutions and negative controls import only the kit, tfjs, node: built-ins and their own folders', () => {
    expect(refusals().filter((r) => !pending.has(r.key)).map((r) => r.message)).toEqual([]);
  });

  test('every pending refusal is still there (drop it from the list once fixed)', () => {
    const keys = new Set(refusals().map((r) => r.key));
    expect([...pending].filter((k) => !keys.has(k))).toEqual([]);
  });

  test('the kit pulls in only the engine pieces it exports, the model artifact, shared types and the contracts', () => {
    const { files: reached, packages, valueBuiltins } = kitClosure();
    const allowed = (f: string) =>
      f === 'src/kit.ts' || f === 'src/grading/model-artifact.ts' || f === 'src/grading/types.ts' ||
      /^src\/contracts\/[a-z0-9-]+\.ts$/.test(f) || /^src\/engine\/(seed|train-loop|batch-norm)\.ts$/.test(f);
    expect(reached.filter((f) => !allowed(f))).toEqual([]);
    expect(packages).toEqual(['@tensorflow/tfjs', 'seedrandom']);
    expect(valueBuiltins).toEqual([]); // no node:fs and the like: nothing it loads reads files at import
  });

  test('the kit exports the solution helpers and every contract under its camel-cased id, and no answers', async () => {
    const kitModule: Record<string, unknown> = await import('../../src/kit.ts');
    const helpers = ['exportModel', 'importModel', 'makeRng', 'permutation', 'gaussian', 'seedEverything', 'fitFast', 'makeTrainStep', 'recalibrateBatchNorm'];
    expect(Object.keys(kitModule).sort()).toEqual([...helpers, ...contractIds.map(camel)].sort());
    for (const id of contractIds) {
      const contract: Record<string, unknown> = await import(`../../src/contracts/${id}.ts`);
      expect(Object.keys(kitModule[camel(id)] as object).sort(), id).toEqual(Object.keys(contract).sort());
    }
  });

  test('the scanner tells type imports from value imports and resolves relative paths', () => {
    const f = path.join(solutionsRoot, 'x', 'index.ts');
    const fx = path.join(brokenRoot, 'v', 'x', 'index.ts');
    const ok = (file: string, specifier: string, typeOnly = false) => refusal(file, { specifier, line: 1, typeOnly });
    expect(ok(f, '../../src/kit.ts')).toBeUndefined();
    expect(ok(fx, '../../../../src/kit.ts')).toBeUndefined();
    expect(ok(f, '../../src/contracts/leiden-xor.ts', true)).toBeUndefined();
    expect(ok(f, '../../src/contracts/leiden-xor.ts')).toMatch(/outside/);
    expect(ok(f, '../../src/../solutions/leiden-xor/index.ts')).toBeUndefined();
    expect(ok(f, '../leiden-xor/../../src/engine/seed.ts')).toMatch(/outside/);
    expect(ok(fx, '../../../../solutions/leiden-xor/index.ts')).toBeUndefined();
    expect(ok(f, '@tensorflow/tfjs-node')).toMatch(/package/);
    expect(ok(f, 'fs')).toMatch(/package/);
    expect(ok(f, 'node:fs')).toBeUndefined();
  });
});
