// Every vitest worker starts with the same engine the CLI would choose.
import { initEngine } from './backend.ts';
await initEngine();
