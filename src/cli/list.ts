import { catalog } from '../catalog.ts';
import { markdownTable } from 'markdown-table';
import { parse } from './args.ts';

const usage = `gradebench list [--json]

Lists every assignment of the catalog with its status (implemented / planned).`;

export async function listCommand(argv: string[]): Promise<number> {
  const { values, help } = parse(argv, { json: { type: 'boolean' } }, usage);
  if (help) return void console.log(usage), 0;
  if (values.json) {
    console.log(JSON.stringify(catalog.map(({ id, title, status }) => ({ id, title, status })), null, 2));
    return 0;
  }
  console.log(markdownTable([
    ['id', 'title', 'status', 'course', 'seed figure'],
    ...catalog.map((a) => [a.id, a.title, a.status, a.seed.course, a.seedFigure]),
  ]));
  return 0;
}
