import { describe, expect, test } from 'vitest';
import { checkThreshold } from '../../src/grading/spec.ts';

describe('threshold comparison', () => {
  test('float noise at the bar passes (0.565 - 0.545 against 0.02)', () => {
    expect(() => checkThreshold('gap', 0.565 - 0.545, 0.02, 'at least')).not.toThrow();
    expect(() => checkThreshold('ratio', 0.5 + 1e-15, 0.5, 'at most')).not.toThrow();
  });
  test('a real miss fails, with enough digits to see why', () => {
    expect(() => checkThreshold('gap', 0.01999, 0.02, 'at least')).toThrow(/gap = 0.0199900000000, needs to be at least 0.0200000000000/);
    expect(() => checkThreshold('acc', 0.81, 0.86, 'at least')).toThrow(/acc = 0.8100, needs to be at least 0.8600/);
  });
  test('NaN never passes', () => {
    expect(() => checkThreshold('loss', Number.NaN, 1, 'at most')).toThrow(/loss = NaN/);
  });
});
