/**
 * Gathers the calls made in one turn of the event loop into one set-based call: the worker's
 * concurrent jobs then claim (or mark) their digests in one statement instead of one each,
 * which saves round trips on both the worker and the database. Each caller gets its own result;
 * when the batch fails, every caller in it sees the error (and retries as it would alone).
 */
export class StatementBatcher<K, R> {
  private pending: { key: K; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly run: (keys: K[]) => Promise<(key: K) => R>,
    private readonly maxBatch = 100,
  ) {}

  call(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
      else if (this.pending.length >= this.maxBatch) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    try {
      const pick = await this.run(batch.map((b) => b.key));
      for (const b of batch) {
        try {
          b.resolve(pick(b.key));
        } catch (err) {
          b.reject(err);
        }
      }
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
}
