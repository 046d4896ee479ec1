/** Wall time of one call (sync or async), the unit every latency figure of the eval is made of. */
export async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}
