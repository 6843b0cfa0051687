/**
 * Window items shared between subscribers: at 07:00 in Brussels every daily subscriber has the
 * same window, so one query serves them all. Entries live `ttlMs` and the cache holds at most
 * `maxRows` rows in all (oldest entries go first). A load in flight is shared, not repeated.
 * A stale entry is harmless: an item reclassified out of a window shows up again in the next
 * one only if it changed (the per-subscriber "sent before" check still runs).
 */
export class WindowItemsCache<T extends { length: number }> {
  private readonly entries = new Map<string, { at: number; value: Promise<T>; rows: number }>();
  private rows = 0;

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxRows = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    if (hit) this.drop(key);
    const value = load();
    const entry = { at: this.now(), value, rows: 0 };
    this.entries.set(key, entry);
    value.then(
      (v) => {
        if (this.entries.get(key) !== entry) return;
        entry.rows = v.length;
        this.rows += v.length;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.drop(key);
      },
    );
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.rows -= e.rows;
    this.entries.delete(key);
  }

  /** Map order is insertion order: the first keys are the oldest. */
  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.rows <= this.maxRows || this.entries.size <= 1) return;
      this.drop(key);
    }
  }
}
