/**
 * A `Map` that holds at most `max` entries: reading or writing a key makes it the most recently
 * used, and a write beyond `max` drops the least recently used. Bounds what an app can make the
 * shell remember by naming servers (shell/README.md "Federation").
 */
export class LruMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override get(key: K): V | undefined {
    const value = super.get(key);
    if (this.has(key)) this.set(key, value as V);
    return value;
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    // Map iterates in insertion order: the first key is the one used longest ago.
    if (this.size > this.max) super.delete(this.keys().next().value as K);
    return this;
  }
}
