// Types for tsne-js 1.0 (it ships none): the part of its API embed.ts uses.
declare module 'tsne-js' {
  interface TsneOptions {
    dim: number;
    perplexity: number;
    earlyExaggeration: number;
    learningRate: number;
    nIter: number;
    metric: 'euclidean' | 'manhattan' | 'jaccard' | 'dice';
  }
  export default class TSNE {
    constructor(options: Partial<TsneOptions>);
    init(input: { data: number[][]; type: 'dense' | 'sparse' }): void;
    run(): [number, number]; // [final error, iterations]
    getOutput(): number[][]; // [n][dim]
  }
}
