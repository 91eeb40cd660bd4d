// TIFF via utif2, behind a bounded reader of our own. UTIF follows whatever offsets and counts a
// file declares (an IFD entry claiming 4e9 values loops for minutes, a cyclic IFD chain forever),
// so we read the first IFD ourselves, checking every count and offset against the file, and hand
// UTIF only that IFD to decompress the pixels. Supported: stripped (not tiled) images, no
// compression / LZW / deflate / PackBits, which covers the LGG slices (uncompressed, 8 bit).
import UTIF from 'utif2';
import { DatasetError, describeCause } from '../errors.ts';

export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array; // [height, width, 4]
}

/** No image in these sets comes near this; it bounds what a corrupt header can make us allocate. */
export const MAX_PIXELS = 1 << 24;

const TYPE_BYTES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const COMPRESSIONS = new Set([1, 5, 8, 32946, 32773]);
type Ifd = Record<string, unknown>;

function readValues(v: DataView, le: boolean, type: number, count: number, at: number): unknown {
  const out: unknown[] = [];
  for (let j = 0; j < count; j++) {
    const p = at + j * TYPE_BYTES[type];
    if (type === 3) out.push(v.getUint16(p, le));
    else if (type === 8) out.push(v.getInt16(p, le));
    else if (type === 4 || type === 13) out.push(v.getUint32(p, le));
    else if (type === 9) out.push(v.getInt32(p, le));
    else if (type === 5 || type === 10) out.push([v.getUint32(p, le), v.getUint32(p + 4, le)]);
    else if (type === 11) out.push(v.getFloat32(p, le));
    else if (type === 12) out.push(v.getFloat64(p, le));
  }
  return out;
}

/** The first IFD as UTIF's {tNNN: values} object, every count and offset checked. */
function readFirstIfd(bytes: Uint8Array, file: string): Ifd {
  const le = bytes[0] === 0x49;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) throw new DatasetError('DATASET_TRUNCATED', 'TIFF shorter than its 8-byte header', { file });
  const magic = v.getUint16(2, le);
  if (magic !== 42) throw new DatasetError('DATASET_BAD_FORMAT', `TIFF version ${magic} (BigTIFF?) is not supported`, { file });
  const at = v.getUint32(4, le);
  if (at + 2 > bytes.length) throw new DatasetError('DATASET_TRUNCATED', `TIFF directory at ${at} lies past the end (${bytes.length} bytes)`, { file });
  const n = v.getUint16(at, le);
  if (at + 2 + 12 * n > bytes.length) throw new DatasetError('DATASET_TRUNCATED', `TIFF directory of ${n} entries runs past the end`, { file });
  const ifd: Ifd = {};
  for (let i = 0; i < n; i++) {
    const e = at + 2 + 12 * i;
    const tag = v.getUint16(e, le), type = v.getUint16(e + 2, le), count = v.getUint32(e + 4, le);
    if (!TYPE_BYTES[type]) continue; // TIFF readers skip unknown field types
    const size = count * TYPE_BYTES[type];
    const where = size <= 4 ? e + 8 : v.getUint32(e + 8, le);
    if (where + size > bytes.length) {
      throw new DatasetError('DATASET_TRUNCATED', `TIFF tag ${tag} values (${size} bytes at ${where}) lie past the end`, { file });
    }
    if (type === 1 || type === 6 || type === 7) ifd[`t${tag}`] = bytes.slice(where, where + size);
    else if (type === 2) ifd[`t${tag}`] = [new TextDecoder('latin1').decode(bytes.subarray(where, where + size)).replace(/\0+$/, '')];
    else ifd[`t${tag}`] = readValues(v, le, type, count, where);
  }
  return ifd;
}

function num(ifd: Ifd, tag: number, fallback?: number): number | undefined {
  const val = ifd[`t${tag}`] as ArrayLike<number> | undefined;
  return val && val.length > 0 && typeof val[0] === 'number' ? val[0] : fallback;
}

/** Checks what UTIF will rely on, so its decode cannot run away or read past the end. */
function checkDecodable(ifd: Ifd, length: number, file: string): void {
  const w = num(ifd, 256) ?? 0, h = num(ifd, 257) ?? 0;
  if (w < 1 || h < 1 || w * h > MAX_PIXELS) throw new DatasetError('DATASET_CORRUPT', `TIFF size ${w}x${h} is empty or implausible`, { file });
  if (ifd.t322 !== undefined) throw new DatasetError('DATASET_BAD_FORMAT', 'tiled TIFF is not supported (only stripped)', { file });
  const compression = num(ifd, 259, 1)!;
  if (!COMPRESSIONS.has(compression)) throw new DatasetError('DATASET_BAD_FORMAT', `TIFF compression ${compression} is not supported`, { file });
  const bps = num(ifd, 258, 1)!, spp = num(ifd, 277, 1)!;
  if (![1, 4, 8, 16].includes(bps) || spp < 1 || spp > 4) throw new DatasetError('DATASET_BAD_FORMAT', `TIFF with ${spp} samples of ${bps} bits is not supported`, { file });
  const offsets = ifd.t273 as number[] | undefined, counts = ifd.t279 as number[] | undefined;
  if (!offsets || !counts || offsets.length !== counts.length || offsets.length === 0) {
    throw new DatasetError('DATASET_CORRUPT', 'TIFF strip offsets/byte counts are missing or disagree', { file });
  }
  for (let i = 0; i < offsets.length; i++) {
    if (offsets[i] + counts[i] > length) throw new DatasetError('DATASET_TRUNCATED', `TIFF strip ${i} runs past the end of the file`, { file });
  }
  // Uncompressed: UTIF copies height x row bytes from the strips whatever counts say; they must be there.
  const need = h * Math.ceil((w * bps * spp) / 8);
  const have = offsets.length === 1 ? length - offsets[0] : counts.reduce((a, b) => a + b, 0);
  if (compression === 1 && have < need) {
    throw new DatasetError('DATASET_TRUNCATED', `TIFF pixels need ${need} bytes, the strips hold ${have}`, { file });
  }
}

/** Decodes a (single-image) TIFF to RGBA. `bytes` must start with II*\0 or MM\0*. */
export function decodeTiff(bytes: Uint8Array, file: string): RgbaImage {
  const ifd = readFirstIfd(bytes, file);
  checkDecodable(ifd, bytes.length, file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rgba: Uint8Array;
  try {
    const img = ifd as unknown as UTIF.IFD;
    UTIF.decodeImage(buffer, img);
    rgba = UTIF.toRGBA8(img);
  } catch (e) {
    throw new DatasetError('DATASET_CORRUPT', `TIFF pixels could not be decoded (${describeCause(e)})`, { file, cause: e });
  }
  const width = num(ifd, 256)!, height = num(ifd, 257)!;
  if (rgba.length !== width * height * 4) throw new DatasetError('DATASET_CORRUPT', 'TIFF decoded to the wrong number of pixels', { file });
  return { width, height, rgba };
}
