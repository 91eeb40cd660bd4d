// Layer arithmetic by formula (no framework): output sizes and parameter counts.
import type { ConvLayerConfig, InceptionConfig, LayerInfo } from '../../src/contracts/iust-p3-cnn.ts';

/** 'same': ceil(n / s); 'valid': floor((n - k) / s) + 1. */
const side = (n: number, k: number, s: number, padding: 'valid' | 'same') =>
  padding === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;

/** k x k x cin weights per filter, plus one bias each. */
const convParams = (k: number, cin: number, cout: number, bias = true) => k * k * cin * cout + (bias ? cout : 0);

export function convLayerInfo(c: ConvLayerConfig): LayerInfo {
  const [h, w, cin] = c.inputShape;
  return {
    outputShape: [side(h, c.kernelSize, c.strides, c.padding), side(w, c.kernelSize, c.strides, c.padding), c.filters],
    params: convParams(c.kernelSize, cin, c.filters, c.useBias),
  };
}

export function inceptionInfo(c: InceptionConfig): LayerInfo {
  const [h, w, cin] = c.inputShape;
  const params = convParams(1, cin, c.out1x1)
    + convParams(1, cin, c.reduce3x3) + convParams(3, c.reduce3x3, c.out3x3)
    + convParams(1, cin, c.reduce5x5) + convParams(5, c.reduce5x5, c.out5x5)
    + convParams(1, cin, c.poolProj); // the max pool has no parameters
  // Every branch is 'same' with the module's stride, so all four agree on the spatial size.
  const s = c.strides;
  return { outputShape: [Math.ceil(h / s), Math.ceil(w / s), c.out1x1 + c.out3x3 + c.out5x5 + c.poolProj], params };
}
