import { describe, expect, it } from 'vitest';
import { lineChart } from '../../src/report/charts.ts';

const tickLabels = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('lineChart', () => {
  it('labels only whole epochs when x counts epochs, and marks each point of a short curve', async () => {
    const svg = await lineChart([{ name: 'train', x: [1, 2, 3], y: [0.5, 0.7, 0.8] }], { title: 't', xLabel: 'epoch', yLabel: 'accuracy' });
    const labels = tickLabels(svg);
    expect(labels).toContain('2');
    expect(labels.filter((l) => /^\d+\.\d+$/.test(l) && Number(l) > 1)).toEqual([]); // no "1.5", "2.5" epochs
    expect((svg.match(/<path[^>]*aria-roledescription="point"/g) ?? []).length + (svg.match(/role-symbol|mark-symbol/g) ?? []).length).toBeGreaterThan(0);
  });

  it('keeps fractional ticks for fractional x', async () => {
    const svg = await lineChart([{ name: 'f', x: [0, 0.25, 0.5], y: [1, 2, 3] }], { title: 't', xLabel: 'x', yLabel: 'y' });
    expect(tickLabels(svg).some((l) => /^0\.\d+$/.test(l))).toBe(true);
  });
});
