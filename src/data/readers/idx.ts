// IDX, the format of (Fashion-)MNIST: two zero bytes, a type code, the number of dimensions,
// then each dimension as a big-endian uint32, then the data in row-major order, big-endian.
// The header is checked against the file's length both ways: shorter is TRUNCATED, longer is
// CORRUPT (never a silent partial read).
import { DatasetError } from '../errors.ts';
import { readMaybeGzip } from './bytes.ts';

export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  dtype: 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';
  shape: number[];
  data: IdxData;
}

const TYPES: Record<number, { dtype: IdxArray['dtype']; size: number }> = {
  0x08: { dtype: 'uint8', size: 1 },
  0x09: { dtype: 'int8', size: 1 },
  0x0b: { dtype: 'int16', size: 2 },
  0x0c: { dtype: 'int32', size: 4 },
  0x0d: { dtype: 'float32', size: 4 },
  0x0e: { dtype: 'float64', size: 8 },
};

/** Reads big-endian elements into a fresh native array (the payload is copied, never a view). */
function decodePayload(view: DataView, offset: number, count: number, dtype: IdxArray['dtype']): IdxData {
  switch (dtype) {
    case 'uint8': return new Uint8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'int8': return new Int8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'int16': { const a = new Int16Array(count); for (let i = 0; i < count; i++) a[i] = view.getInt16(offset + 2 * i); return a; }
    case 'int32': { const a = new Int32Array(count); for (let i = 0; i < count; i++) a[i] = view.getInt32(offset + 4 * i); return a; }
    case 'float32': { const a = new Float32Array(count); for (let i = 0; i < count; i++) a[i] = view.getFloat32(offset + 4 * i); return a; }
    case 'float64': { const a = new Float64Array(count); for (let i = 0; i < count; i++) a[i] = view.getFloat64(offset + 8 * i); return a; }
  }
}

/** Parses IDX bytes (already unpacked). `file` names the source in errors. */
export function parseIdx(bytes: Uint8Array, file = '<idx bytes>'): IdxArray {
  if (bytes.length < 4) throw new DatasetError('DATASET_TRUNCATED', `IDX file is ${bytes.length} bytes, shorter than its 4-byte magic`, { file });
  const type = TYPES[bytes[2]];
  const ndim = bytes[3];
  if (bytes[0] !== 0 || bytes[1] !== 0 || !type || ndim === 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DatasetError('DATASET_BAD_MAGIC', `not an IDX file (magic ${magic}; expected 00 00 <type 08-0e> <ndim>=1+)`, { file });
  }
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) throw new DatasetError('DATASET_TRUNCATED', `IDX header needs ${headerBytes} bytes, file has ${bytes.length}`, { file });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < ndim; d++) shape.push(view.getUint32(4 + 4 * d));
  const count = shape.reduce((a, b) => a * b, 1); // exact up to 2^53, far beyond any real length
  const expected = headerBytes + count * type.size;
  if (bytes.length < expected) {
    throw new DatasetError('DATASET_TRUNCATED', `IDX header says [${shape.join(', ')}] ${type.dtype} = ${expected} bytes, file has ${bytes.length}`, { file });
  }
  if (bytes.length > expected) {
    throw new DatasetError('DATASET_CORRUPT', `IDX header says [${shape.join(', ')}] ${type.dtype} = ${expected} bytes, file has ${bytes.length - expected} extra`, { file });
  }
  return { dtype: type.dtype, shape, data: decodePayload(view, headerBytes, count, type.dtype) };
}

/** Reads an IDX file, raw or gzip (sniffed from the bytes, not the name). */
export async function readIdxFile(path: string): Promise<IdxArray> {
  return parseIdx(await readMaybeGzip(path), path);
}
