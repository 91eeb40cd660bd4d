// Reference solution for iust-p5-rnn-attention: everything in float64 JavaScript, from scratch.
import type { IustP5RnnAttention } from '../../src/contracts/iust-p5-rnn-attention.ts';
import { attentionBackward, attentionForward, trainAttention } from './attention.ts';
import { trainCharLm } from './char-lm.ts';
import { trainOneToMany } from './one-to-many.ts';
import { rnnBackward, rnnForward, type RnnCache } from './rnn.ts';

const solution: IustP5RnnAttention = {
  rnnForward,
  rnnBackward: (dh, cache) => rnnBackward(dh, cache as RnnCache),
  attentionForward,
  attentionBackward: (dout, cache) => attentionBackward(dout, cache as Parameters<typeof attentionBackward>[1]),
  trainAttention,
  trainOneToMany,
  trainCharLm,
};
export default solution;
