// The frames between the grader and a solution's child (src/isolation/wire.ts), without a child:
// encode -> bytes -> FrameReader, in one piece and split every which way; what may not cross is
// refused with the message grading shows; a corrupt stream is an error, never a bogus message.
import { PassThrough, Writable } from 'node:stream';
import v8 from 'node:v8';
import { describe, expect, test } from 'vitest';
import { encode, FrameReader, NotPlainData, send, type Message } from '../../src/isolation/wire.ts';

const bytesOf = (m: Message) => Buffer.concat(encode(m));

/** Feeds `bytes` to a FrameReader in pieces of the given sizes (cycled); returns what it read. */
function read(bytes: Buffer, sizes: number[] = [bytes.length]): Message[] {
  const out: Message[] = [];
  const reader = new FrameReader((m) => out.push(m), (e) => { throw e; });
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]);
    reader.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

const roundTrip = (m: Message) => read(bytesOf(m))[0];

function errorsOf(bytes: Buffer): Error[] {
  const errors: Error[] = [];
  new FrameReader(() => { throw new Error('no frame expected'); }, (e) => errors.push(e)).push(bytes);
  return errors;
}

const nested = () => ({
  fn: 'fit',
  args: [
    { x: Float32Array.from([1.5, -2, 3]), y: Int32Array.from([7, -8]), w: [Uint8Array.from([1, 2, 255]), [Float64Array.from([Math.PI])]] },
    Int8Array.from([-128, 127]), Uint8ClampedArray.from([0, 255]), Int16Array.from([-3]), Uint16Array.from([65535]),
    Uint32Array.from([4294967295]), BigInt64Array.from([-(2n ** 63n)]), BigUint64Array.from([2n ** 64n - 1n]),
    Uint8Array.from([9, 8, 7]).buffer, new Float32Array(0),
  ],
});

describe('round trip', () => {
  test('nested typed arrays of every kind arrive as equal, fresh arrays of the same type', () => {
    const sent = nested();
    const got = roundTrip({ kind: 'call', body: sent });
    expect(got.kind).toBe('call');
    expect(got.body).toEqual(sent);
    const args = (got.body as ReturnType<typeof nested>).args;
    const first = args[0] as { x: Float32Array; w: unknown[] };
    expect(first.x).toBeInstanceOf(Float32Array);
    expect(first.x).not.toBe(sent.args[0]);
    expect(first.w[1]).toEqual([Float64Array.from([Math.PI])]);
    expect(args[8]).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(new Uint8Array(args[8] as ArrayBuffer))).toEqual([9, 8, 7]);
  });

  test('a view into a larger buffer sends only its own bytes, into an aligned buffer of its own', () => {
    const big = Float64Array.from([0, 1, 2, 3, 4, 5]);
    const view = new Float64Array(big.buffer, 16, 3);
    const odd = new Uint8Array(big.buffer, 3, 5);
    const got = roundTrip({ kind: 'result', body: { view, odd } }).body as { view: Float64Array; odd: Uint8Array };
    expect(Array.from(got.view)).toEqual([2, 3, 4]);
    expect(got.view.byteOffset).toBe(0);
    expect(got.view.buffer.byteLength).toBe(24);
    expect(Array.from(got.odd)).toEqual(Array.from(odd));
  });

  test('NaN, -0, undefined, Infinity, bigint, Map, Set and Date keep what JSON would lose', () => {
    const body = {
      nan: NaN, negZero: -0, undef: undefined, inf: -Infinity, big: 12345678901234567890n, list: [undefined, NaN, -0],
      map: new Map<unknown, unknown>([['a', 1], [2, { b: [3] }]]), set: new Set(['x', 'y']), date: new Date(86_400_000),
    };
    const got = roundTrip({ kind: 'result', body }).body as typeof body;
    expect(got.nan).toBeNaN();
    expect(Object.is(got.negZero, -0)).toBe(true);
    expect('undef' in got).toBe(true);
    expect(got.undef).toBeUndefined();
    expect(got.inf).toBe(-Infinity);
    expect(got.big).toBe(12345678901234567890n);
    expect(got.list[0]).toBeUndefined();
    expect(got.list[1]).toBeNaN();
    expect(Object.is(got.list[2], -0)).toBe(true);
    expect(got.map).toBeInstanceOf(Map);
    expect([...got.map]).toEqual([['a', 1], [2, { b: [3] }]]);
    expect([...got.set]).toEqual(['x', 'y']);
    expect(got.date.getTime()).toBe(86_400_000);
  });

  test('a message without a body, and one whose body is a bare typed array', () => {
    expect(roundTrip({ kind: 'ping' })).toEqual({ kind: 'ping', body: undefined });
    expect(roundTrip({ kind: 'result', body: Uint16Array.from([1, 2]) }).body).toEqual(Uint16Array.from([1, 2]));
  });

  test('a plain object that looks like a blob placeholder stays a plain object when nothing was sent', () => {
    expect(roundTrip({ kind: 'result', body: { v: { __gradebenchBlob: 0 } } }).body).toEqual({ v: { __gradebenchBlob: 0 } });
  });
});

describe('frames split across chunks', () => {
  const frames = [
    { kind: 'call', body: nested() },
    { kind: 'ping' },
    { kind: 'result', body: { value: Float32Array.from({ length: 10_000 }, (_, i) => i / 7), empty: new Uint8Array(0) } },
    { kind: 'result', body: { value: 'done' } },
  ];
  const stream = Buffer.concat(frames.map(bytesOf));

  test.each([
    ['one chunk with every frame', [stream.length]],
    ['one byte at a time', [1]],
    ['3 and 7 bytes', [3, 7]],
    ['8-byte pieces (prefix boundaries)', [8]],
    ['odd sizes around the socket read size', [65_535, 1, 4097, 13]],
  ])('%s', (_, sizes) => {
    const got = read(stream, sizes);
    expect(got.map((m) => m.kind)).toEqual(frames.map((f) => f.kind));
    expect(got).toEqual(frames);
  });

  test('random chunk sizes, many times', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 300) + 1;
    for (let r = 0; r < 20; r++) {
      const sizes = Array.from({ length: 64 }, rnd);
      expect(read(stream, sizes)).toEqual(frames);
    }
  });

  test('a large typed array in 64 KiB socket-sized chunks arrives whole and equal', () => {
    const big = new Uint8Array(3 * 2 ** 20 + 5);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    const [m] = read(bytesOf({ kind: 'call', body: { args: [big] } }), [65_536]);
    const got = (m.body as { args: Uint8Array[] }).args[0];
    expect(got).toBeInstanceOf(Uint8Array);
    expect(got.length).toBe(big.length);
    expect(Buffer.compare(Buffer.from(got), Buffer.from(big))).toBe(0);
  });

  test('nothing is delivered until the last byte of a frame arrives', () => {
    const bytes = bytesOf({ kind: 'result', body: { value: new Float64Array(100) } });
    const got: Message[] = [];
    const reader = new FrameReader((m) => got.push(m), (e) => { throw e; });
    reader.push(bytes.subarray(0, bytes.length - 1));
    expect(got).toEqual([]);
    reader.push(bytes.subarray(bytes.length - 1));
    expect(got).toHaveLength(1);
  });
});

describe('what may not cross is refused, with a message', () => {
  const refusal = (body: unknown) => {
    try {
      encode({ kind: 'result', body });
    } catch (e) {
      expect(e).toBeInstanceOf(NotPlainData);
      return (e as Error).message;
    }
    throw new Error('encode accepted it');
  };

  test('a Proxy', () => {
    expect(refusal({ value: new Proxy({}, {}) })).toBe('not plain data: result.value is a Proxy');
    expect(refusal([1, new Proxy([], {})])).toBe('not plain data: result[1] is a Proxy');
  });
  test('a getter that throws', () => {
    expect(refusal({ value: { get bad() { throw new Error('no peeking'); } } })).toBe('not plain data: reading result.value.bad threw no peeking');
  });
  test('a cycle', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = { back: a };
    expect(refusal({ value: a })).toBe('circular: result.value.self.back contains itself');
  });
  test('shared, acyclic references are fine', () => {
    const shared = { x: 1 };
    expect(roundTrip({ kind: 'result', body: { a: shared, b: shared } }).body).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });
  test('a class instance (a live tensor, say)', () => {
    class Tensor { shape = [2]; }
    expect(refusal({ value: new Tensor() })).toBe(
      'not plain data: result.value is a Tensor instance; return typed arrays, numbers, strings or plain objects');
  });
  test('a plain array of 6e6 elements', () => {
    expect(refusal({ value: new Array(6_000_000).fill(0) })).toBe(
      'too large: result.value is a plain array of 6000000 elements; use a typed array');
  });
  test('functions, symbols and DataViews', () => {
    expect(refusal({ f: () => 1 })).toBe('not plain data: result.f is a function');
    expect(refusal({ s: Symbol('s') })).toBe('not plain data: result.s is a symbol');
    expect(refusal({ d: new DataView(new ArrayBuffer(4)) })).toBe('not plain data: result.d is a DataView; send its buffer');
  });
  test('what v8 cannot serialize inside a Map', () => {
    expect(refusal({ m: new Map([['f', () => 1]]) })).toMatch(/^not plain data \(.*could not be cloned/);
  });
});

describe('a corrupt stream is an error', () => {
  test('bad magic', () => {
    const bytes = bytesOf({ kind: 'ping' });
    bytes.writeUInt32LE(0xdeadbeef, 0);
    expect(errorsOf(bytes).map((e) => e.message)).toEqual(['corrupt frame (bad magic)']);
  });
  test('a header over the limit', () => {
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE(0x67626e31, 0);
    bytes.writeUInt32LE(2 ** 32 - 1, 4);
    expect(errorsOf(bytes)[0].message).toMatch(/frame header of 4294967295 bytes is over the limit/);
  });
  test('a blob length that is not a whole number of elements', () => {
    const header = v8.serialize({ kind: 'result', body: { __gradebenchBlob: 0 }, blobs: [{ type: 'Float32Array', byteLength: 6 }] });
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(0x67626e31, 0);
    prefix.writeUInt32LE(header.length, 4);
    expect(errorsOf(Buffer.concat([prefix, header, Buffer.alloc(6)])).map((e) => e.message)).toEqual(['corrupt frame (bad blob)']);
  });
});

describe('send', () => {
  test('writes the frame parts in order and waits for drain under back-pressure, leaving no listeners', async () => {
    const parts: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _enc, done) { parts.push(chunk); setImmediate(done); },
    });
    const big = Float32Array.from({ length: 1000 }, (_, i) => i);
    for (let i = 0; i < 25; i++) await send(slow, { kind: 'result', body: { i, big } });
    expect(slow.listenerCount('drain')).toBe(0);
    expect(slow.listenerCount('close')).toBe(0);
    const got = read(Buffer.concat(parts));
    expect(got).toHaveLength(25);
    expect(got[24]).toEqual({ kind: 'result', body: { i: 24, big } });
  });

  test('a peer that closes mid-message ends the wait', { timeout: 5000 }, async () => {
    const pipe = new PassThrough({ highWaterMark: 4 });
    const sending = send(pipe, { kind: 'result', body: new Uint8Array(1 << 16) });
    pipe.destroy();
    await expect(sending).resolves.toBeUndefined();
  });
});
