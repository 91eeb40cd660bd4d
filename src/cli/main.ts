// gradebench's command line: each command is a thin wrapper over a stage function callable from code.
import { UsageError } from './args.ts';

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  grade: { summary: 'grade a solutions folder, write results.json', load: async () => (await import('./grade.ts')).gradeCommand },
  report: { summary: 'render reports/<id>.md and reports/README.md from results', load: async () => (await import('./report.ts')).reportCommand },
  leaderboard: { summary: 'rank several results.json files as a markdown table', load: async () => (await import('./leaderboard.ts')).leaderboardCommand },
  list: { summary: 'list the assignment catalog', load: async () => (await import('./list.ts')).listCommand },
  data: { summary: 'list datasets: where each was found, size and sha256', load: async () => (await import('./data.ts')).dataCommand },
  bench: { summary: 'training-throughput benchmarks, writes reports/bench.md', load: async () => (await import('./bench.ts')).benchCommand },
  profile: { summary: 'time per kernel of a few training steps of a model', load: async () => (await import('./profile.ts')).profileCommand },
};

const usage = `gradebench <command> [options]

Grading and benchmark harness for deep-learning coursework, on TensorFlow.js.

Commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`).join('\n')}

Run gradebench <command> --help for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`gradebench: unknown command '${name}'\n\n${usage}`);
    return 2;
  }
  try {
    return await (await command.load())(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`gradebench ${name}: ${e.message}`);
      return 2;
    }
    console.error(`gradebench ${name}: ${(e as Error).stack ?? e}`);
    return 1;
  }
}
