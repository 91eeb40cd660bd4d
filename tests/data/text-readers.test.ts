import fc from 'fast-check';
import iconv from 'iconv-lite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdult } from '../../src/data/loaders/adult.ts';
import { loadPm25 } from '../../src/data/loaders/pm25.ts';
import { parseCsv } from '../../src/data/readers/csv.ts';
import { decodeText, splitLines, splitTabbed } from '../../src/data/readers/text.ts';
import { expectCode, expectCodeAsync, FIXTURES, onlyDatasetErrors, removeTempDirs, tempDir } from './helpers.ts';
import { afterAll } from 'vitest';
import { cpSync, writeFileSync } from 'node:fs';

afterAll(removeTempDirs);
const tables = join(FIXTURES, 'tables');
const only = { dataDir: tables, mirror: false as const, download: false, systemPlaces: false };

describe('text decoding and lines', () => {
  it('decodes Big5 and refuses bytes that are not valid in the named encoding', () => {
    expect(decodeText(iconv.encode('日期,測站,豐原', 'big5'), 'big5')).toBe('日期,測站,豐原');
    expectCode(() => decodeText(Uint8Array.from([0xff, 0xfe, 0xc3]), 'utf-8'), 'DATASET_BAD_FORMAT');
    expectCode(() => decodeText(Uint8Array.from([0xff, 0x30]), 'big5'), 'DATASET_BAD_FORMAT');
    expectCode(() => decodeText(Buffer.from('café'), 'ascii'), 'DATASET_BAD_FORMAT');
  });

  it('splits LF and CRLF lines, without an extra empty last line', () => {
    expect(splitLines('a\r\nb\r\n')).toEqual(['a', 'b']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
    expect(splitTabbed(['x "y\t1', '', 'z\t0'], 2, 'f')).toEqual([['x "y', '1'], ['z', '0']]);
    expectCode(() => splitTabbed(['a\tb\tc'], 2, 'f'), 'DATASET_BAD_FORMAT');
  });
});

describe('CSV', () => {
  it('parses quoted fields with doubled quotes, and checks the column count', () => {
    expect(parseCsv('"3","a ""b""","c, d"\n')).toEqual([['3', 'a "b"', 'c, d']]);
    expectCode(() => parseCsv('a,b\nc\n'), 'DATASET_BAD_FORMAT');
    expectCode(() => parseCsv('a,b\n', { columns: 3 }), 'DATASET_BAD_FORMAT');
    expectCode(() => parseCsv('"open\n'), 'DATASET_BAD_FORMAT');
  });

  it('fuzz: random text and bytes give rows or a DatasetError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (t) => { onlyDatasetErrors(() => parseCsv(t, { columns: 3 })); }), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      onlyDatasetErrors(() => parseCsv(decodeText(b, 'utf-8'), {}));
      onlyDatasetErrors(() => parseCsv(decodeText(b, 'big5'), {}));
    }), { numRuns: 300 });
  });
});

describe('PM2.5 and Adult loaders on the fixtures (<dir>/<name>/ layout)', () => {
  it('PM2.5: Big5 train.csv to [days*18, 24] with NR as 0; test.csv to [ids*18, 9]', async () => {
    const { train, test } = await loadPm25(only);
    expect(train.shape).toEqual([36, 24]);
    expect(train.dates).toEqual(['2014/1/1', '2014/1/2']);
    expect(train.values[18 * 24 + 9 * 24 + 3]).toBeCloseTo(200 + 9 + 0.3); // day 2, PM2.5, hour 3
    expect(train.values[10 * 24]).toBe(0); // RAINFALL NR
    expect(test.shape).toEqual([18, 9]);
    expect(test.ids).toEqual(['id_0']);
  });

  it('PM2.5: a re-encoded (UTF-8) copy is refused with a message saying so', async () => {
    const dir = tempDir();
    cpSync(join(tables, 'ml2020-hw1-pm25'), join(dir, 'ml2020-hw1-pm25'), { recursive: true });
    writeFileSync(join(dir, 'ml2020-hw1-pm25/train.csv'), Buffer.from('日期,測站,測項\n'));
    const e = await expectCodeAsync(loadPm25({ ...only, dataDir: dir }), 'DATASET_BAD_FORMAT');
    expect(e.message).toMatch(/big5/);
  });

  it('Adult: skips adult.test\'s junk line, strips the label dot, maps ? to null', async () => {
    const { train, test } = await loadAdult(only);
    expect(train.rows.length).toBe(3);
    expect(test.rows.length).toBe(2);
    expect(Array.from(train.labels)).toEqual([0, 1, 0]);
    expect(Array.from(test.labels)).toEqual([0, 1]);
    expect(train.rows[0][0]).toBe(39);
    expect(train.rows[0][1]).toBe('Private');
    expect(train.rows[0][train.columns.indexOf('occupation')]).toBeNull();
    expect(train.kinds.filter((k) => k === 'numeric').length).toBe(6);
  });
});
