import { WindowItemsCache } from './window-items.cache';

describe('WindowItemsCache', () => {
  it('shares one load between callers, including while it is in flight', async () => {
    const cache = new WindowItemsCache<number[]>();
    let loads = 0;
    const load = () => new Promise<number[]>((r) => setTimeout(() => r([++loads]), 10));
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect(await cache.get('k', load)).toBe(a);
    expect(a).toBe(b);
    expect(loads).toBe(1);
  });

  it('loads again after the time to live', async () => {
    let t = 0;
    const cache = new WindowItemsCache<number[]>(1_000, 100, () => t);
    let loads = 0;
    const load = async () => [++loads];
    await cache.get('k', load);
    t = 999;
    await cache.get('k', load);
    t = 1_000;
    expect(await cache.get('k', load)).toEqual([2]);
  });

  it('forgets a failed load', async () => {
    const cache = new WindowItemsCache<number[]>();
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('k', async () => [1])).toEqual([1]);
  });

  it('keeps at most maxRows rows, dropping the oldest entries', async () => {
    const cache = new WindowItemsCache<number[]>(60_000, 5);
    await cache.get('a', async () => [1, 2, 3]);
    await cache.get('b', async () => [1, 2]);
    await new Promise((r) => setImmediate(r));
    expect(cache.size).toBe(2);
    await cache.get('c', async () => [1, 2]);
    await new Promise((r) => setImmediate(r));
    expect(cache.size).toBe(2);
    let reloaded = false;
    await cache.get('a', async () => ((reloaded = true), [9]));
    expect(reloaded).toBe(true);
  });
});
