// Backend choice: GRADEBENCH_BACKEND if set, else the first backend that loads *and works* of
//   tensorflow (tfjs-node-gpu, only when a CUDA device is visible) > tensorflow (tfjs-node) > wasm > cpu.
// The native packages are optional dependencies whose install step downloads libtensorflow; on a
// machine without network they are simply absent (ERR_MODULE_NOT_FOUND), which is normal.
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { registerFastGradients } from './gradients/index.ts';
import { registerWasmTrainingKernels } from './kernels/index.ts';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface Candidate {
  name: string; // e.g. 'tensorflow (tfjs-node-gpu)'
  status: 'chosen' | 'not installed' | 'skipped' | 'failed' | 'not tried';
  detail: string;
}

export interface EngineInfo {
  backend: string; // tf.getBackend() after the choice
  reason: string; // one line: why this backend
  candidates: Candidate[];
  tfjsVersion: string;
  nodeVersion: string;
  simd?: boolean;
}

let chosen: Promise<EngineInfo> | undefined;

/** Idempotent: the first call chooses and initialises the backend, later calls return the same info. */
export function initEngine(opts: { backend?: string; quiet?: boolean } = {}): Promise<EngineInfo> {
  registerFastGradients(); // gradient overrides apply to every backend
  chosen ??= choose(opts.backend ?? process.env.GRADEBENCH_BACKEND, opts.quiet ?? !!process.env.VITEST);
  return chosen;
}

function cudaVisible(): boolean {
  if (process.env.CUDA_VISIBLE_DEVICES === '' || process.env.CUDA_VISIBLE_DEVICES === '-1') return false;
  return existsSync('/dev/nvidia0') || existsSync('/dev/nvidiactl');
}

async function importOptional(pkg: string): Promise<'ok' | string> {
  try {
    await import(pkg);
    return 'ok';
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND') return 'not installed';
    return `failed to load: ${err.message.split('\n')[0]}`;
  }
}

/** A backend "works" if a small matmul gives the right answer on it. */
async function works(name: string): Promise<string | undefined> {
  try {
    if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    const v = await tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]))).data();
    return v[0] === 11 ? undefined : `smoke matmul gave ${v[0]} instead of 11`;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

async function tryWasm(): Promise<string | undefined> {
  await import('@tensorflow/tfjs-backend-wasm');
  registerWasmTrainingKernels();
  return works('wasm');
}

async function choose(requested: string | undefined, quiet: boolean): Promise<EngineInfo> {
  const candidates: Candidate[] = [];
  const order: Array<{ label: string; backend: BackendName; load: () => Promise<string | undefined> }> = [
    {
      label: 'tensorflow (tfjs-node-gpu)', backend: 'tensorflow',
      load: async () => {
        if (!cudaVisible()) return 'skip:no CUDA device visible';
        const r = await importOptional('@tensorflow/tfjs-node-gpu');
        return r === 'ok' ? works('tensorflow') : r === 'not installed' ? 'absent:not installed' : r;
      },
    },
    {
      label: 'tensorflow (tfjs-node)', backend: 'tensorflow',
      load: async () => {
        const r = await importOptional('@tensorflow/tfjs-node');
        return r === 'ok' ? works('tensorflow') : r === 'not installed' ? 'absent:not installed' : r;
      },
    },
    { label: 'wasm (tfjs-backend-wasm + gradebench training kernels)', backend: 'wasm', load: tryWasm },
    { label: 'cpu (pure JavaScript)', backend: 'cpu', load: () => works('cpu') },
  ];
  if (requested) {
    const valid = ['tensorflow', 'tensorflow-gpu', 'wasm', 'cpu'];
    if (!valid.includes(requested)) {
      throw new Error(`GRADEBENCH_BACKEND='${requested}' is not a backend; use one of ${valid.join(', ')}`);
    }
  }
  let picked: { label: string } | undefined;
  for (const c of order) {
    const wanted = !requested || (requested === 'tensorflow-gpu' ? c.label.includes('gpu') : c.backend === requested && (requested !== 'tensorflow' || !c.label.includes('gpu')));
    if (picked || !wanted) {
      candidates.push({ name: c.label, status: picked ? 'not tried' : 'skipped', detail: picked ? '' : `GRADEBENCH_BACKEND=${requested}` });
      continue;
    }
    const problem = await c.load();
    if (problem === undefined) {
      candidates.push({ name: c.label, status: 'chosen', detail: '' });
      picked = c;
    } else if (problem.startsWith('skip:')) {
      candidates.push({ name: c.label, status: 'skipped', detail: problem.slice(5) });
    } else if (problem.startsWith('absent:')) {
      candidates.push({ name: c.label, status: 'not installed', detail: problem.slice(7) });
    } else {
      candidates.push({ name: c.label, status: 'failed', detail: problem });
    }
  }
  if (!picked) {
    const lines = candidates.map((c) => `  ${c.name}: ${c.status} ${c.detail}`).join('\n');
    throw new Error(`no TensorFlow.js backend works here:\n${lines}`);
  }
  const reason = requested
    ? `GRADEBENCH_BACKEND=${requested}`
    : candidates.filter((c) => c.status !== 'chosen' && c.status !== 'not tried').map((c) => `${c.name.split(' ')[0]}${c.name.includes('gpu') ? '-gpu' : ''} ${c.status}${c.detail && c.status !== 'not installed' ? ` (${c.detail})` : ''}`).join('; ') || 'first choice';
  const info: EngineInfo = {
    backend: tf.getBackend(),
    reason: `${picked.label}; ${reason}`,
    candidates,
    tfjsVersion: tf.version.tfjs,
    nodeVersion: process.version,
    simd: tf.getBackend() === 'wasm' ? tf.env().getBool('WASM_HAS_SIMD_SUPPORT') : undefined,
  };
  if (!quiet) process.stderr.write(`gradebench: backend ${info.backend}: ${info.reason}\n`);
  return info;
}
