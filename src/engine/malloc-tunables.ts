// Large typed arrays (a 60,000 x 784 dataset is 47 MB) come from glibc as fresh mappings, and on
// these VMs faulting in 47 MB of fresh 4 KiB pages took 130 ms, against 9-19 ms with 2 MiB pages
// (bench/isolation-overhead.ts: a 47 MB round trip to the sandboxed child fell from 210 to 40 ms).
// glibc >= 2.35 reads GLIBC_TUNABLES at process start, so it is set for the processes we start.
const HUGE_PAGES = 'glibc.malloc.hugetlb=1';

/** GLIBC_TUNABLES with transparent huge pages for malloc, keeping any tunables already set. */
export function withHugePages(current = process.env.GLIBC_TUNABLES): string {
  if (current?.includes('glibc.malloc.hugetlb')) return current;
  return current ? `${current}:${HUGE_PAGES}` : HUGE_PAGES;
}
