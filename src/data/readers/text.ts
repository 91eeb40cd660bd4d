// Text files in the encodings the manifests name, and line-based files (sentiment sentences,
// translation pairs). UTF-8 is decoded strictly (an invalid byte is an error, not a U+FFFD that
// silently changes a token); other encodings (PM2.5's Big5) go through iconv-lite, and a
// replacement character in its output is refused the same way. Lines end in LF or CRLF (the
// cmn-eng files are CRLF); a final newline does not make an extra empty line.
import iconv from 'iconv-lite';
import { DatasetError } from '../errors.ts';
import { readMaybeGzip } from './bytes.ts';

export type TextEncoding = 'utf-8' | 'big5' | 'latin1' | 'ascii';

export function decodeText(bytes: Uint8Array, encoding: TextEncoding, file = '<text bytes>'): string {
  let text: string;
  if (encoding === 'utf-8' || encoding === 'ascii') {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch (e) {
      throw new DatasetError('DATASET_BAD_FORMAT', `not valid ${encoding === 'ascii' ? 'ASCII' : 'UTF-8'} text`,
        { file, cause: e, fix: 'Check the file is the documented one (a different encoding or a binary file?).' });
    }
    if (encoding === 'ascii' && /[^\x00-\x7f]/.test(text)) {
      throw new DatasetError('DATASET_BAD_FORMAT', 'expected ASCII text, found other characters', { file });
    }
    return text;
  }
  text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) {
    throw new DatasetError('DATASET_BAD_FORMAT', `not valid ${encoding} text (undecodable bytes near character ${bad})`,
      { file, fix: `Use the original ${encoding}-encoded file, not a re-encoded copy.` });
  }
  return text;
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export async function readTextLines(path: string, encoding: TextEncoding = 'utf-8'): Promise<string[]> {
  return splitLines(decodeText(await readMaybeGzip(path), encoding, path));
}

/**
 * Splits each line on TAB into exactly `columns` fields (extra tabs are an error, not a shift:
 * a quote-aware CSV reader famously loses 252 imdb lines to one stray '"'). Empty lines are skipped.
 */
export function splitTabbed(lines: string[], columns: number, file: string): string[][] {
  const rows: string[][] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const fields = line.split('\t');
    if (fields.length !== columns) {
      throw new DatasetError('DATASET_BAD_FORMAT',
        `line ${i + 1} has ${fields.length} TAB-separated fields, expected ${columns}: ${JSON.stringify(line.slice(0, 80))}`,
        { file });
    }
    rows.push(fields);
  }
  return rows;
}
