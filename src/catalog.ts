// The assignment catalog as data: every homework and project of the five seed READMEs
// (../shared/CATALOG.md), one entry each. An id is the same in solutions/, specs/, templates/ and
// reports/. `points` is the assignment's maximum score; its spec's requirements must add up to it
// (a unit test checks this).

export type Status = 'implemented' | 'planned';

export interface Assignment {
  id: string;
  title: string;
  seed: { file: string; section: string; course: string };
  datasets: string[];
  points: number;
  status: Status;
  /** What the seed README reports, for the report's "seed" column. */
  seedFigure: string;
}

const S004 = { file: '004_c87ce75db1e99c9c.txt', course: 'Leiden, Deep Learning' };
const S002 = { file: '002_6d8bfed222879413.txt', course: 'SJTU, final project' };
const S000 = { file: '000_c1a5ebe60de8e144.txt', course: 'MIT seminar' };
const S001 = { file: '001_7299226251a043e7.txt', course: 'NTU ML2020 (Hung-yi Lee)' };
const S003 = { file: '003_7d13a951a5b3b125.txt', course: 'IUST, Deep Learning projects' };

function a(id: string, title: string, seed: { file: string; course: string }, section: string,
  datasets: string[], seedFigure: string, status: Status = 'planned', points = 100): Assignment {
  return { id, title, seed: { ...seed, section }, datasets, points, status, seedFigure };
}

export const catalog: readonly Assignment[] = [
  a('leiden-distance-knn', 'Distance-based and k-NN classifiers, PCA / t-SNE / UMAP', S004, 'Data Dimensionality - Distance Based Classification', ['mnist'], 'distance 80.40% test, k-NN 91.40% test', 'implemented'),
  a('leiden-perceptron', 'Multi-class perceptron, batch vs online', S004, 'MultiClass Perceptron', ['mnist'], 'batch 88.10% test, online 87.20% test', 'implemented'),
  a('leiden-xor', 'XOR network from scratch by gradient descent', S004, 'XOR Network - Gradient Descent', [], 'learns XOR; best lr 0.8, uniform init', 'implemented'),
  a('leiden-mlp-vs-cnn', 'MLP vs CNN on Fashion-MNIST and CIFAR-10', S004, 'Fashion MNIST & CIFAR-10 - TensorFlow', ['fashion-mnist', 'cifar10-jpeg'], 'F-MNIST MLP 0.85 test; CIFAR-10 MLP 0.38, CNN 0.54', 'implemented'),
  a('leiden-tell-time', '"Tell the time": reading analog clocks', S004, '"Tell The Time" Network', [], 'multi-head 11.71 min test error'),
  a('leiden-vae-gan', 'VAE and GAN, samples and latent interpolation', S004, 'Generative Models - Autoencoders (VAEs) & GANs', ['anime-faces-mlds-subset', 'fashion-mnist'], 'images'),
  a('sjtu-lenet-mynet', 'LeNet and MyNet on Fashion-MNIST', S002, 'Fashion-MNIST clothing classification', ['fashion-mnist'], 'LeNet 79%, MyNet 84%', 'implemented'),
  a('sjtu-vae', 'Convolutional VAE: reconstructions and interpolations', S002, 'Image reconstruction', ['fashion-mnist'], 'images'),
  a('mit-cnn-regularization', 'Batch norm, dropout, L2; stride vs pooling; LSTM over rows', S000, 'Image Classfication', ['fashion-mnist'], 'comparison table', 'implemented'),
  a('mit-gan', 'DCGAN, unconditional and class-conditional', S000, 'Image Synthesis with GANs', ['fashion-mnist', 'anime-faces-mlds-subset'], 'images'),
  a('mit-lstm-gru', 'LSTM vs GRU on sentiment and image rows', S000, 'Sentence Classfication with GRUs', ['uci-sentiment-labelled-sentences', 'mnist', 'fashion-mnist'], 'comparison table'),
  a('mit-attention-unet', 'Attention U-Net for brain tumour segmentation', S000, 'Brain Tumor Segmentation with Attention-based U-Nets', ['brain-mri-lgg-seg-subset'], 'Dice'),
  a('ml2020-hw1-pm25', 'PM2.5 linear regression with Adagrad', S001, 'HW1 - Linear Regreesion', ['ml2020-hw1-pm25'], '-', 'implemented'),
  a('ml2020-hw2-income', 'Income: generative model vs logistic regression', S001, 'HW2 - 2-class Classification', ['uci-adult'], 'generative 12.4% / 12.6% error, logistic 11.4% / 11.9%', 'implemented'),
  a('ml2020-hw3-cnn', 'CNN image classifier', S001, 'HW3 - Image Classification with CNN', ['cifar10-jpeg'], '96.9% train on food-11 (not comparable)', 'implemented'),
  a('ml2020-hw4-selftrain', 'BiLSTM text classifier with self-training', S001, 'HW4 - Text Classification with RNN and Semi-Supervised Learning', ['uci-sentiment-labelled-sentences'], '74.7% val without, 74.5% with self-training'),
  a('ml2020-hw5-explain', 'Saliency maps and filter visualisation', S001, 'HW5 - Explaniable ML', ['cifar10-jpeg'], 'images', 'implemented'),
  a('ml2020-hw6-fgsm', 'FGSM adversarial attack', S001, 'HW6 - Adversarial Attack', ['fashion-mnist', 'cifar10-jpeg'], 'label flips at epsilon 15/255', 'implemented'),
  a('ml2020-hw7-compression', 'Network compression: pruning, distillation, quantization', S001, 'HW7 - Network Compression', ['fashion-mnist'], 'table', 'implemented'),
  a('ml2020-hw8-seq2seq', 'Seq2seq translation with attention and Transformer', S001, 'HW8 - Seq2Seq Model for Translation', ['cmn-eng'], '95% / 99.5% train token accuracy'),
  a('ml2020-hw9-ae-cluster', 'Autoencoder embeddings and clustering', S001, 'HW9 - Image Autoencoder with Unsupervised Learning', ['cifar10-jpeg', 'fashion-mnist'], '70.8% val'),
  a('ml2020-hw10-anomaly', 'Autoencoder anomaly detection', S001, 'HW10 - Anomaly Detection', ['fashion-mnist', 'mnist'], '0.62% flagged at threshold 200'),
  a('ml2020-hw11-gan', 'DCGAN: custom loop vs compiled fit', S001, 'HW11 - GAN', ['anime-faces-mlds-subset', 'fashion-mnist'], 'images'),
  a('ml2020-hw12-dann', 'Domain-adversarial training', S001, 'HW12 - Transfer Learning - Domain Adverserial Neural Network', ['mnist'], 'source 99.0%, target 35% on 20'),
  a('ml2020-hw13-meta', 'MAML and Reptile on sinusoids', S001, 'HW13 - Meta Learning', [], 'curves'),
  a('ml2020-hw14-ewc', 'Lifelong learning with EWC', S001, 'HW14 - Lifelong Learning with EWS', ['mnist', 'fashion-mnist'], 'loss tables'),
  a('ml2020-hw15-rl', 'Policy gradient on CartPole', S001, 'HW15 - Reinforcement Learning', [], 'average return'),
  a('iust-p1-probabilistic', 'Naive Bayes, logistic regression, activations, MLP', S003, 'P1', ['ag-news-test', 'mnist'], '-', 'implemented'),
  a('iust-p2-regularization', 'Dropout, bias/variance, L1 vs L2, distillation, optimizers', S003, 'P2', ['mnist', 'fashion-mnist'], '-', 'implemented'),
  a('iust-p3-cnn', 'Saddle points, conv backprop, Inception, brain-tumour CNN', S003, 'P3', ['brain-mri-tumor-yes-no'], '-', 'implemented'),
  a('iust-p4-tuning-bn', 'Hyperparameter search, batch norm from scratch, Grad-CAM, LSTM R^2', S003, 'P4', ['mnist'], '-', 'implemented'),
  a('iust-p5-rnn-attention', 'RNN and BPTT, attention, character language model', S003, 'P5', ['cmn-eng'], '-', 'implemented'),
  a('iust-p6-metrics-ssl', 'Metrics, self-supervised pretraining, word2vec, NAS, GAN quality', S003, 'P6', ['fashion-mnist', 'ag-news-test'], '-', 'implemented'),
];

export function findAssignment(id: string): Assignment | undefined {
  return catalog.find((x) => x.id === id);
}

/** Resolves `--only a,b` to catalog entries, with an error that lists the valid ids. */
export function selectAssignments(only?: string[], includePlanned = false): Assignment[] {
  if (!only || only.length === 0) return catalog.filter((x) => includePlanned || x.status === 'implemented');
  const unknown = only.filter((id) => !findAssignment(id));
  if (unknown.length) {
    throw new Error(`unknown assignment id(s): ${unknown.join(', ')}. Run \`gradebench list\` to see the ids.`);
  }
  return only.map((id) => findAssignment(id)!);
}
