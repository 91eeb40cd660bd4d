// Handlebars helpers the report templates use. Tables go through markdown-table (aligned GFM);
// numbers through a few named formats so every report prints figures the same way.
import Handlebars from 'handlebars';
import { markdownTable } from 'markdown-table';

type Options = Handlebars.HelperOptions;

export function registerHelpers(hb: typeof Handlebars): void {
  /** {{{table rows}}}: rows is [header, ...body], cells already formatted. */
  hb.registerHelper('table', (rows: unknown[][]) =>
    new hb.SafeString(markdownTable(rows.map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c)))))));
  /** {{pct 0.9123}} -> 91.23% ; {{pct 0.9123 1}} -> 91.2% */
  hb.registerHelper('pct', (v: unknown, digits: unknown) =>
    typeof v === 'number' ? `${(100 * v).toFixed(typeof digits === 'number' ? digits : 2)}%` : '–');
  /** {{fixed 3.14159 2}} -> 3.14 */
  hb.registerHelper('fixed', (v: unknown, digits: unknown) =>
    typeof v === 'number' ? v.toFixed(typeof digits === 'number' ? digits : 3) : '–');
  /** {{sci 1.2e-7}} -> 1.20e-7 */
  hb.registerHelper('sci', (v: unknown) => (typeof v === 'number' ? v.toExponential(2) : '–'));
  /** {{int 12345}} -> 12,345 */
  hb.registerHelper('int', (v: unknown) => (typeof v === 'number' ? Math.round(v).toLocaleString('en-US') : '–'));
  /** {{seconds 95}} -> 1 min 35 s */
  hb.registerHelper('seconds', (v: unknown) => {
    if (typeof v !== 'number') return '–';
    return v >= 60 ? `${Math.floor(v / 60)} min ${Math.round(v % 60)} s` : `${v.toFixed(v < 10 ? 1 : 0)} s`;
  });
  /** {{{figure "loss.svg" "Loss curve"}}} -> a markdown image, if the run produced that figure. */
  hb.registerHelper('figure', function (this: { id: string; figures: string[] }, file: string, alt: unknown) {
    const rel = `${this.id}/${file}`;
    if (!this.figures.includes(rel)) return new hb.SafeString(`*(figure ${file} was not produced by this run)*`);
    return new hb.SafeString(`![${typeof alt === 'string' ? alt : file}](${rel})`);
  });
  /** {{#with (req "gradient-check")}}...{{/with}}: one requirement's test entry. */
  hb.registerHelper('req', function (this: { tests: Array<{ name: string }>; id: string }, name: string) {
    return this.tests.find((t) => t.name === `${this.id}/${name}`);
  });
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  /** (array a b c): builds a list inside a template, e.g. table rows. */
  hb.registerHelper('array', (...args: unknown[]) => args.slice(0, -1));
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v));
  hb.registerHelper('mark', (status: unknown) => (status === 'passed' ? '✅' : '❌'));
  hb.registerHelper('join', (v: unknown, sep: unknown, o?: Options) =>
    Array.isArray(v) ? v.join(o ? String(sep) : ', ') : '');
}
