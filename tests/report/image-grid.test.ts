import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { imageGridPng } from '../../src/report/image-grid.ts';

const rgbAt = (png: PNG, x: number, y: number): number[] => Array.from(png.data.subarray(4 * (y * png.width + x), 4 * (y * png.width + x) + 3));

describe('imageGridPng', () => {
  it('lays out rows of scaled cells with gaps and maps each colour map', () => {
    const grey = { values: [0, 1, 0.5, 0.25], height: 2, width: 2, channels: 1 as const };
    const rgb = { values: [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9], height: 2, width: 2, channels: 3 as const, range: [0, 255] as [number, number] };
    const heat = { ...grey, colormap: 'heat' as const };
    const diverging = { values: [-1, 0, 1, 1], height: 2, width: 2, channels: 1 as const, range: [-1, 1] as [number, number], colormap: 'diverging' as const };
    const png = PNG.sync.read(imageGridPng([[grey, rgb], [heat, diverging]], { scale: 2, gap: 1 }));
    expect([png.width, png.height]).toEqual([2 * 4 + 3, 2 * 4 + 3]);
    expect(rgbAt(png, 1, 1)).toEqual([0, 0, 0]); // grey 0, top-left cell
    expect(rgbAt(png, 3, 2)).toEqual([255, 255, 255]); // grey 1 (scaled: x 2..3)
    expect(rgbAt(png, 0, 0)).toEqual([255, 255, 255]); // gap
    expect(rgbAt(png, 6, 1)).toEqual([255, 0, 0]); // rgb cell starts at x = 1 + 4 + 1
    expect(rgbAt(png, 8, 1)).toEqual([0, 255, 0]);
    expect(rgbAt(png, 1, 6)).toEqual([0, 0, 0]); // heat of 0 is black
    expect(rgbAt(png, 3, 6)).toEqual([255, 255, 255]); // heat of 1 is white
    expect(rgbAt(png, 6, 6)).toEqual([0, 0, 255]); // diverging -1 blue
    expect(rgbAt(png, 8, 6)).toEqual([255, 255, 255]); // diverging 0 white
    expect(rgbAt(png, 6, 8)).toEqual([255, 0, 0]); // diverging +1 red
  });

  it('says which image has the wrong number of values', () => {
    expect(() => imageGridPng([[{ values: [0, 1, 2], height: 2, width: 2, channels: 1 }]])).toThrow(/2x2x1 image needs 4 values, got 3/);
    expect(() => imageGridPng([])).toThrow(/no images/);
  });
});
