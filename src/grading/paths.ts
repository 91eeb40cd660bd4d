// Where the project is, for code that must not import the solution loader (it would be a cycle).
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
