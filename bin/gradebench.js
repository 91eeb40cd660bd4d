#!/usr/bin/env node
// gradebench runs from its TypeScript sources through tsx's loader: no build step to forget.
import { register } from 'tsx/esm/api';

register();
// Huge pages for the processes grading starts (vitest workers): see src/engine/malloc-tunables.ts.
const { withHugePages } = await import('../src/engine/malloc-tunables.ts');
process.env.GLIBC_TUNABLES = withHugePages();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
