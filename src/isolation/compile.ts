// Compiles what the sandboxed child runs, with esbuild, into a private build folder:
//   runtime/child.mjs, runtime/kit.mjs (+ shared chunks)  the child's entry and the public kit
//   sub-<id>-<n>/index.mjs                                one bundle per submission
// Why compile at all: tsx's loader hooks need a worker thread, which Node 20's permission model
// refuses ("Access to this API has been restricted"), so the child runs plain JavaScript.
//
// The bundler is also the import policy. A submission may import its own files (anything under the
// submission root), the kit (`gradebench/kit` or the project's src/kit.ts), `@tensorflow/tfjs`,
// `node:` built-ins, JSON, and files under roots the instructor trusts (--allow-import). Anything
// else (the grader's src/data, the reference solutions, the cache, another package) fails the build
// with SOLUTION_LOAD_FAILED, so it never reaches the child. Packages stay external and load from
// node_modules under their real paths, so the kit and the submission share one tfjs instance.
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { projectRoot } from '../grading/paths.ts';

const requireHere = createRequire(path.join(projectRoot, 'package.json'));
const kitSource = path.join(projectRoot, 'src/kit.ts');
const builtins = new Set(builtinModules);

export interface Runtime {
  dir: string; // the build folder (runtime and submission bundles)
  child: string; // runtime/child.mjs
  kit: string; // runtime/kit.mjs
  packages: string[]; // folders of the packages the runtime loads, with their dependencies
}

let runtime: Promise<Runtime> | undefined;

/** Builds the child runtime once per grading process; the folder is removed at exit. */
export function childRuntime(): Promise<Runtime> {
  return (runtime ??= buildRuntime());
}

async function buildRuntime(): Promise<Runtime> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gradebench-build-'));
  chmodSync(dir, 0o755); // the child may run as another user (nobody) and must read it
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const outdir = path.join(dir, 'runtime');
  const external = new Set<string>();
  await build({
    entryPoints: { child: path.join(projectRoot, 'src/isolation/child-main.ts'), kit: kitSource },
    outdir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
    outExtension: { '.js': '.mjs' }, sourcemap: 'inline', logLevel: 'silent', tsconfigRaw: {},
    plugins: [externalPackages(external)],
  });
  return { dir, child: path.join(outdir, 'child.mjs'), kit: path.join(outdir, 'kit.mjs'), packages: packageClosure([...external]) };
}

/** Bare imports of trusted code load from node_modules by absolute URL (one instance each). */
function externalPackages(seen: Set<string>): Plugin {
  return {
    name: 'gradebench-external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || builtins.has(args.path)) return { path: args.path, external: true };
        seen.add(packageName(args.path));
        return { path: pathToFileURL(createRequire(args.importer || kitSource).resolve(args.path)).href, external: true };
      });
    },
  };
}

export interface SubmissionBuild {
  bundle: string;
  dir: string;
}

/** Thrown when a submission does not compile or imports what it may not; the message says which. */
export class CompileError extends Error {}

let builds = 0;

/**
 * Bundles `<root>/<id>/index.*` under the import policy. `packages` are the npm packages the
 * assignment lets students use (declared by its spec, e.g. ml-pca for leiden-distance-knn).
 */
export async function compileSubmission(entry: string, root: string, trusted: string[], packages: readonly string[] = []): Promise<SubmissionBuild> {
  const rt = await childRuntime();
  const dir = path.join(rt.dir, `sub-${path.basename(path.dirname(entry))}-${++builds}`);
  mkdirSync(dir, { recursive: true });
  const bundle = path.join(dir, 'index.mjs');
  const allowed = [root, ...trusted].map((r) => realpathSync(r));
  try {
    await build({
      entryPoints: [entry], outfile: bundle, bundle: true, format: 'esm', platform: 'node', target: 'node20',
      sourcemap: 'inline', logLevel: 'silent', tsconfigRaw: {}, absWorkingDir: path.dirname(entry),
      plugins: [importPolicy(rt, allowed, packages)],
    });
  } catch (e) {
    const errors = (e as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }).errors ?? [];
    const first = errors[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
    throw new CompileError(first ? `${first.text}${where}` : (e as Error).message);
  }
  return { bundle, dir };
}

function importPolicy(rt: Runtime, allowed: string[], packages: readonly string[]): Plugin {
  const tfjs = pathToFileURL(requireHere.resolve('@tensorflow/tfjs')).href;
  const kit = pathToFileURL(rt.kit).href;
  const refuse = (spec: string, what: string) => ({
    errors: [{ text: `imports '${spec}'${what}, outside the submission folder: a solution may import only its own files, @tensorflow/tfjs, the kit (gradebench/kit) and node: built-ins` }],
  });
  return {
    name: 'gradebench-import-policy',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === 'policy-checked') return undefined;
        const spec = args.path;
        if (spec.startsWith('node:') || builtins.has(spec)) return { path: spec, external: true };
        if (spec === '@tensorflow/tfjs') return { path: tfjs, external: true };
        if (spec === 'gradebench/kit') return { path: kit, external: true };
        if (!spec.startsWith('.') && !path.isAbsolute(spec)) {
          if (packages.includes(packageName(spec))) return { path: pathToFileURL(requireHere.resolve(spec)).href, external: true };
          return refuse(spec, ` (a package this assignment does not allow${packages.length ? `; it allows ${packages.join(', ')}` : ''})`);
        }
        const r = await b.resolve(spec, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'policy-checked' });
        if (r.errors.length) return { errors: r.errors };
        const real = realpathSync(r.path);
        if (real === realpathSync(kitSource)) return { path: kit, external: true };
        if (allowed.some((root) => real === root || real.startsWith(root + path.sep))) return { path: real };
        return refuse(spec, ` (${real})`);
      });
    },
  };
}

/** The folders of these packages and of everything they depend on: what the child may read. */
export function packageClosure(names: string[]): string[] {
  const dirs = new Set<string>();
  const visit = (name: string, from: string) => {
    let pkgJson: string;
    try {
      pkgJson = createRequire(from).resolve(`${name}/package.json`);
    } catch {
      const main = safeResolve(from, name);
      if (!main) return; // optional dependency that is not installed
      pkgJson = findPackageJson(main, name);
    }
    const dir = path.dirname(realpathSync(pkgJson));
    if (dirs.has(dir)) return;
    dirs.add(dir);
    const pkg = createRequire(from)(pkgJson) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, pkgJson);
  };
  for (const n of names) visit(n, path.join(projectRoot, 'package.json'));
  return [...dirs].sort();
}

function safeResolve(from: string, name: string): string | undefined {
  try {
    return createRequire(from).resolve(name);
  } catch {
    return undefined;
  }
}

function findPackageJson(file: string, name: string): string {
  let dir = path.dirname(file);
  while (!dir.endsWith(path.join('node_modules', name)) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return path.join(dir, 'package.json');
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
