// English-Chinese pairs. The ML2020 HW8 split (Simplified variant): training / validation /
// testing.txt, CRLF, `english tokens (BPE '@@ ') <TAB> chinese tokens (space separated)`, each
// side ending in a space, plus the four vocabulary JSON files. And ManyThings' raw cmn.txt:
// `English<TAB>Chinese<TAB>attribution`, CRLF.
import { getSpec } from '../catalog.ts';
import { DatasetError } from '../errors.ts';
import type { SearchOptions } from '../places.ts';
import { readBytes } from '../readers/bytes.ts';
import { decodeText, readTextLines, splitTabbed } from '../readers/text.ts';
import { datasetFile, resolveDataset, type ResolvedDataset } from '../resolve.ts';
import type { SentencePairs } from '../types.ts';

export interface Vocabulary {
  int2word: string[]; // [size], index = token id
  word2int: Record<string, number>;
}

export interface Hw8Split {
  train: SentencePairs; // 18000 pairs, tokens joined by single spaces
  validation: SentencePairs; // 500
  test: SentencePairs; // 2636
  vocab: { en: Vocabulary; cn: Vocabulary };
}

const DIR = 'ml2020-hw8-simplified/';

async function readPairs(file: string): Promise<SentencePairs> {
  const rows = splitTabbed(await readTextLines(file), 2, file);
  return { en: rows.map((r) => r[0].trim()), zh: rows.map((r) => r[1].trim()) };
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(decodeText(await readBytes(file), 'utf-8', file));
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError('DATASET_BAD_FORMAT', `not valid JSON (${(e as Error).message})`, { file, cause: e });
  }
}

async function readVocab(ds: ResolvedDataset, lang: 'en' | 'cn'): Promise<Vocabulary> {
  const i2wFile = datasetFile(ds, `${DIR}int2word_${lang}.json`);
  const i2w = (await readJson(i2wFile)) as Record<string, string>;
  const w2i = (await readJson(datasetFile(ds, `${DIR}word2int_${lang}.json`))) as Record<string, number>;
  const int2word = Object.keys(i2w).map((_, i) => i2w[String(i)]);
  if (int2word.some((w) => typeof w !== 'string')) throw new DatasetError('DATASET_BAD_FORMAT', 'ids are not 0..n-1', { file: i2wFile });
  return { int2word, word2int: w2i };
}

export async function loadCmnEngHw8(opts: SearchOptions = {}): Promise<Hw8Split> {
  const ds = await resolveDataset(getSpec('cmn-eng'), opts);
  const [train, validation, test, en, cn] = await Promise.all([
    readPairs(datasetFile(ds, `${DIR}training.txt`)),
    readPairs(datasetFile(ds, `${DIR}validation.txt`)),
    readPairs(datasetFile(ds, `${DIR}testing.txt`)),
    readVocab(ds, 'en'),
    readVocab(ds, 'cn'),
  ]);
  return { train, validation, test, vocab: { en, cn } };
}

/** ManyThings cmn.txt: 21621 pairs, with the CC-BY attribution of each line. */
export async function loadCmnTxt(opts: SearchOptions = {}): Promise<SentencePairs & { attribution: string[] }> {
  const ds = await resolveDataset(getSpec('cmn-eng'), opts);
  const file = datasetFile(ds, 'manythings-cmn/cmn.txt');
  const rows = splitTabbed(await readTextLines(file), 3, file);
  return { en: rows.map((r) => r[0]), zh: rows.map((r) => r[1]), attribution: rows.map((r) => r[2]) };
}
