// The dataset layer's public surface. Everything returns typed arrays with shapes (never
// tensors); every failure is a DatasetError with a stable code.
export type { ImageSet, SplitImageSet, Table, TextSet, MixedTable, SentencePairs, SegmentationSet } from './types.ts';
export { DatasetError, isDatasetError, type DatasetErrorCode } from './errors.ts';
export type { DatasetSpec, DatasetFileSpec, DatasetArchiveSpec, PlaceKind } from './spec.ts';
export { DATASET_SPECS, datasetNames, getSpec } from './catalog.ts';
export { registeredDatasets, registeredDataset, type RegisteredDataset } from './registry.ts';
export { type SearchOptions, cacheRoot, mirrorRoots, candidatePlaces, DEFAULT_MIRROR } from './places.ts';
export { resolveDataset, locateDataset, datasetFile, type ResolvedDataset } from './resolve.ts';
export { downloadFile } from './download.ts';
export { datasetStatus, statusOf, type DatasetStatus } from './status.ts';
export { datasetDigest, sha256File, verifyAgainstSums } from './checksum.ts';
export type { CacheOptions } from './decoded-cache.ts';
export { stratifiedSubset, firstPerClass, selectImages } from './subset.ts';

// Readers, for fixtures and for data a student brings.
export { parseIdx, readIdxFile, type IdxArray } from './readers/idx.ts';
export { parseCifarBatch, readCifarBatch } from './readers/cifar-binary.ts';
export { decodeImage, sniffImageFormat } from './readers/image-decode.ts';
export { resizePixels, rgbaToChannels } from './readers/image-pixels.ts';
export { readImageFolder, decodeImageFiles } from './readers/image-folder.ts';
export { parseCsv, readCsv } from './readers/csv.ts';
export { readTextLines, splitLines } from './readers/text.ts';
export { decodeText, type TextEncoding } from './readers/text.ts';

// Loaders, one per registered dataset.
export { loadMnist, loadFashionMnist, MNIST_CLASSES, FASHION_CLASSES } from './loaders/mnist.ts';
export { loadCifar10Jpeg, countCifar10Jpeg, type Cifar10JpegOptions } from './loaders/cifar10-jpeg.ts';
export { loadCifar10, loadCifar10Binary, CIFAR10_CLASSES, type Cifar10Options } from './loaders/cifar10.ts';
export { loadCifar10Png200 } from './loaders/cifar10-png.ts';
export { loadPm25, PM25_FEATURES, type Pm25Train, type Pm25Test } from './loaders/pm25.ts';
export { loadAdult, ADULT_COLUMNS, ADULT_CLASSES, type AdultSplit } from './loaders/adult.ts';
export { loadSentiment, loadSentimentAll, SENTIMENT_SOURCES, type SentimentSource } from './loaders/sentiment.ts';
export { loadCmnEngHw8, loadCmnTxt, type Hw8Split, type Vocabulary } from './loaders/cmn-eng.ts';
export { loadAgNews, type AgNewsSet } from './loaders/ag-news.ts';
export { loadBrainMri, BRAIN_MRI_CLASSES, type BrainMriOptions, type BrainMriSet } from './loaders/brain-mri.ts';
export { loadLggSlices, type LggOptions } from './loaders/lgg.ts';
export { loadAnimeFaces, type AnimeFacesOptions } from './loaders/anime-faces.ts';
