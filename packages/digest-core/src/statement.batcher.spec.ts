import { StatementBatcher } from './statement.batcher';

describe('StatementBatcher', () => {
  it('runs the calls of one turn as one batch and gives each caller its own result', async () => {
    const batches: number[][] = [];
    const b = new StatementBatcher<number, number>(async (keys) => {
      batches.push(keys);
      return (k) => k * 10;
    });
    const results = await Promise.all([b.call(1), b.call(2), b.call(3)]);
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await b.call(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes at the batch limit and rejects every caller of a failed batch', async () => {
    const batches: number[][] = [];
    const b = new StatementBatcher<number, number>(async (keys) => {
      batches.push(keys);
      if (keys.includes(3)) throw new Error('db down');
      return (k) => k;
    }, 2);
    const calls = [b.call(1), b.call(2), b.call(3), b.call(4)].map((p) => p.then((v) => v, (e: Error) => e.message));
    expect(await Promise.all(calls)).toEqual([1, 2, 'db down', 'db down']);
    expect(batches).toEqual([[1, 2], [3, 4]]);
  });
});
