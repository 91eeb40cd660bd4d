// UCI Sentiment Labelled Sentences: three files of `sentence<TAB>label` lines (0 negative,
// 1 positive), UTF-8, LF. Split on TAB per line, never with a quote-aware CSV reader (imdb has an
// unbalanced '"'). Trailing spaces before the TAB (common in imdb) are trimmed.
import { getSpec } from '../catalog.ts';
import { DatasetError } from '../errors.ts';
import type { SearchOptions } from '../places.ts';
import { readTextLines, splitTabbed } from '../readers/text.ts';
import { datasetFile, resolveDataset } from '../resolve.ts';
import type { TextSet } from '../types.ts';

export const SENTIMENT_SOURCES = ['amazon', 'imdb', 'yelp'] as const;
export type SentimentSource = (typeof SENTIMENT_SOURCES)[number];
export const SENTIMENT_CLASSES = ['negative', 'positive'];

const FILES: Record<SentimentSource, string> = {
  amazon: 'amazon_cells_labelled.txt',
  imdb: 'imdb_labelled.txt',
  yelp: 'yelp_labelled.txt',
};

async function readSource(file: string): Promise<TextSet> {
  const rows = splitTabbed(await readTextLines(file, 'utf-8'), 2, file);
  const labels = Int32Array.from(rows, ([, label], i) => {
    if (label !== '0' && label !== '1') throw new DatasetError('DATASET_BAD_FORMAT', `line ${i + 1} has label "${label}", expected 0 or 1`, { file });
    return Number(label);
  });
  return { texts: rows.map(([text]) => text.trim()), labels, classNames: SENTIMENT_CLASSES };
}

/** 1000 sentences per source (500 / 500), keyed by source. */
export async function loadSentiment(opts: SearchOptions = {}): Promise<Record<SentimentSource, TextSet>> {
  const ds = await resolveDataset(getSpec('uci-sentiment-labelled-sentences'), opts);
  const sets = await Promise.all(SENTIMENT_SOURCES.map((s) => readSource(datasetFile(ds, FILES[s]))));
  return { amazon: sets[0], imdb: sets[1], yelp: sets[2] };
}

/** All three sources as one TextSet (amazon, then imdb, then yelp), with each line's source. */
export async function loadSentimentAll(opts: SearchOptions = {}): Promise<TextSet & { sources: SentimentSource[] }> {
  const by = await loadSentiment(opts);
  const parts = SENTIMENT_SOURCES.map((s) => by[s]);
  const labels = new Int32Array(parts.reduce((a, p) => a + p.labels.length, 0));
  let at = 0;
  for (const p of parts) { labels.set(p.labels, at); at += p.labels.length; }
  return {
    texts: parts.flatMap((p) => p.texts),
    labels,
    classNames: SENTIMENT_CLASSES,
    sources: SENTIMENT_SOURCES.flatMap((s) => by[s].texts.map(() => s)),
  };
}
