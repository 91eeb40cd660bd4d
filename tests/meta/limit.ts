// At most `concurrency` jobs at once: the meta-tests grade many folders, each a CLI run of its own,
// and two at a time is what two shared cores take.
export function limit(concurrency: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (job) => {
    while (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
