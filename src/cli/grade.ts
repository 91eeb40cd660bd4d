import { grade, GradeSetupError } from '../grading/grade.ts';
import type { IsolationMode } from '../isolation/sandbox.ts';
import { tiers, type Tier } from '../grading/types.ts';
import { intOption, parse, UsageError } from './args.ts';

export const gradeUsage = `gradebench grade [options]

Grades a solutions folder: runs every implemented assignment's spec against it and writes
<out>/results.json (Gradescope format), updated as each requirement finishes.

  --solutions DIR   folder with <id>/index.ts per assignment (default: the reference solutions;
                    env GRADEBENCH_SOLUTIONS)
  --only IDS        comma-separated assignment ids (default: all implemented; see gradebench list)
  --tier T          smoke | standard | full (default standard; env GRADEBENCH_TIER)
  --out DIR         output folder (default out)
  --seed N          seed for data subsets, initialisation and shuffling (default 0)
  --fail-under F    exit 1 when score / max score < F (a fraction, e.g. 0.6); otherwise exit 0
  --isolation M     process (default): each solution runs in a sandboxed child process;
                    strict: the same, but refuse to grade if a layer is missing here;
                    none: import solutions into the grader (debugging your own code only)
                    (env GRADEBENCH_ISOLATION)
  --allow-import D  a folder submissions may import from besides their own (repeatable with ':';
                    env GRADEBENCH_ALLOW_IMPORTS)
  -h, --help        this help`;

export async function gradeCommand(argv: string[]): Promise<number> {
  const { values, help } = parse(argv, {
    solutions: { type: 'string' }, only: { type: 'string' }, tier: { type: 'string' }, out: { type: 'string' },
    seed: { type: 'string' }, 'fail-under': { type: 'string' }, isolation: { type: 'string' }, 'allow-import': { type: 'string' },
  }, gradeUsage);
  const isolation = (values.isolation ?? process.env.GRADEBENCH_ISOLATION ?? 'process') as IsolationMode;
  if (!['process', 'strict', 'none'].includes(isolation)) throw new UsageError(`--isolation must be process, strict or none, got '${isolation}'`);
  const allowImports = ((values['allow-import'] as string | undefined) ?? process.env.GRADEBENCH_ALLOW_IMPORTS ?? '').split(':').filter(Boolean);
  if (help) return void console.log(gradeUsage), 0;
  const tier = (values.tier ?? process.env.GRADEBENCH_TIER ?? 'standard') as Tier;
  if (!tiers.includes(tier)) throw new UsageError(`--tier must be one of ${tiers.join(', ')}, got '${tier}'`);
  const failUnder = values['fail-under'] === undefined ? undefined : Number(values['fail-under']);
  if (failUnder !== undefined && !(failUnder >= 0 && failUnder <= 1)) throw new UsageError('--fail-under is a fraction between 0 and 1');
  const results = await grade({
    solutions: (values.solutions as string | undefined) ?? process.env.GRADEBENCH_SOLUTIONS,
    only: (values.only as string | undefined)?.split(',').map((s) => s.trim()).filter(Boolean),
    tier, out: values.out as string | undefined, seed: intOption(values.seed, 'seed'), isolation, allowImports,
  }).catch((e) => {
    if (e instanceof GradeSetupError) throw new UsageError(e.message);
    throw e;
  });
  const fraction = results.max_score > 0 ? results.score / results.max_score : 0;
  const failed = results.tests.filter((t) => t.status === 'failed');
  console.log(`\n${results.output}; ${failed.length} requirement(s) failed; results in ${(values.out as string) ?? 'out'}/results.json`);
  return failUnder !== undefined && fraction < failUnder ? 1 : 0;
}
