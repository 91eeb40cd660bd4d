// CNN layer arithmetic by formula. A dilated kernel of side k spans d (k - 1) + 1 pixels, so
//   out = floor((size + 2 pad - d (k - 1) - 1) / stride) + 1,
// and for stride 1 the size is kept when 2 pad = d (k - 1): pad = d (k - 1) / 2 (odd k).
import type { ConvGeometry, ConvWeights } from '../../src/contracts/iust-p4-tuning-bn.ts';

export const convOutputSize = (g: ConvGeometry) =>
  Math.floor((g.size + 2 * g.pad - g.dilation * (g.kernel - 1) - 1) / g.stride) + 1;

/** k x k x inChannels weights per filter (dilation adds none), plus a bias each. */
export const convParams = (w: ConvWeights) => w.kernel * w.kernel * w.inChannels * w.filters + (w.useBias ? w.filters : 0);

export const dilatedSamePadding = (kernel: number, dilation: number) => (dilation * (kernel - 1)) / 2;
