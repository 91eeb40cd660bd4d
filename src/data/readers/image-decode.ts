// One entry point for the image files in the mirror: the format is sniffed from the magic bytes
// (the brain MRI set has PNGs named .jpg), decoded to RGBA by pngjs / jpeg-js / utif2, and any
// complaint from those libraries (some throw strings) becomes a DatasetError naming the file.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DatasetError, describeCause } from '../errors.ts';
import { decodeTiff, MAX_PIXELS, type RgbaImage } from './tiff.ts';

export type { RgbaImage } from './tiff.ts';
export type ImageFormat = 'png' | 'jpeg' | 'tiff';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, PNG_MAGIC)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  return undefined;
}

function decodePng(bytes: Uint8Array, file: string): RgbaImage {
  // IHDR sits at a fixed place; check its size before pngjs allocates width*height*4 bytes.
  if (bytes.length < 33) throw new DatasetError('DATASET_TRUNCATED', 'PNG shorter than its header', { file });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const w = view.getUint32(16), h = view.getUint32(20);
  if (w < 1 || h < 1 || w * h > MAX_PIXELS) throw new DatasetError('DATASET_CORRUPT', `PNG size ${w}x${h} is empty or implausible`, { file });
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

function decodeJpeg(bytes: Uint8Array): RgbaImage {
  // Strict: a cut-off JPEG must fail, not come back half grey.
  const img = jpeg.decode(bytes, {
    useTArray: true, formatAsRGBA: true, tolerantDecoding: false,
    maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512,
  });
  return { width: img.width, height: img.height, rgba: img.data };
}

/** Decodes PNG, JPEG or TIFF bytes to RGBA [height, width, 4]. */
export function decodeImage(bytes: Uint8Array, file = '<image bytes>'): RgbaImage {
  const format = sniffImageFormat(bytes);
  if (!format) {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DatasetError('DATASET_BAD_MAGIC', `not a PNG, JPEG or TIFF image (starts ${head || 'empty'})`, { file });
  }
  if (format === 'tiff') return decodeTiff(bytes, file);
  let img: RgbaImage;
  try {
    img = format === 'png' ? decodePng(bytes, file) : decodeJpeg(bytes);
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    const msg = describeCause(e);
    const truncated = /end of|unexpected end|not found|too short|truncat/i.test(msg);
    throw new DatasetError(truncated ? 'DATASET_TRUNCATED' : 'DATASET_CORRUPT',
      `${format.toUpperCase()} could not be decoded (${msg})`, { file, cause: e });
  }
  if (img.width < 1 || img.height < 1 || img.rgba.length !== img.width * img.height * 4) {
    throw new DatasetError('DATASET_CORRUPT', `${format.toUpperCase()} decoded to an inconsistent ${img.width}x${img.height} image`, { file });
  }
  return img;
}
