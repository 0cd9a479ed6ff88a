/**
 * A ReadonlyMap held as two lists, keys and values, in the order they were added: a register
 * summed by SQLite gives 100,000 members' figures at once, in member order, and a Map would hash
 * each of them as it is added (a tenth of a plan's time). Iterated in that order, as a Map is.
 * get() and has() are quick when asked in the same order (a cursor follows the last key found);
 * any other look-up is a binary search when the keys were added in order (by member id, as the
 * register is summed), else an index of the keys made at its first need.
 * Each key is added once.
 */
export class ColumnMap<V> implements ReadonlyMap<string, V> {
  private readonly keyList: string[] = [];
  private readonly valueList: V[] = [];
  private cursor = 0;
  /** Whether the keys are in ascending order (found at the first look-up the cursor misses). */
  private ascending: boolean | null = null;
  private index: Map<string, number> | null = null;

  add(key: string, value: V): void {
    const n = this.keyList.length;
    if (this.ascending === true && n > 0 && !(this.keyList[n - 1] < key)) this.ascending = false;
    this.keyList.push(key);
    this.valueList.push(value);
    if (this.index !== null) {
      if (this.index.has(key)) throw new RangeError(`ColumnMap: ${key} added twice`);
      this.index.set(key, this.keyList.length - 1);
    }
  }

  get size(): number {
    return this.keyList.length;
  }

  get(key: string): V | undefined {
    const i = this.find(key);
    return i < 0 ? undefined : this.valueList[i];
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    const keys = this.keyList;
    const values = this.valueList;
    for (let i = 0; i < keys.length; i++) callback.call(thisArg, values[i], keys[i], this);
  }

  *entries(): MapIterator<[string, V]> {
    const keys = this.keyList;
    const values = this.valueList;
    for (let i = 0; i < keys.length; i++) yield [keys[i], values[i]];
  }

  keys(): MapIterator<string> {
    return this.keyList.values();
  }

  values(): MapIterator<V> {
    return this.valueList.values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  /** The position of `key`, or −1: the next few after the cursor first, then a search or the index. */
  private find(key: string): number {
    const keys = this.keyList;
    const end = Math.min(this.cursor + 8, keys.length);
    for (let i = this.cursor; i < end; i++) {
      if (keys[i] === key) {
        this.cursor = i + 1;
        return i;
      }
    }
    if (this.ascending === null) {
      this.ascending = true;
      for (let i = 1; i < keys.length && this.ascending; i++) this.ascending = keys[i - 1] < keys[i];
    }
    if (this.ascending) {
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[mid] < key) lo = mid + 1;
        else hi = mid;
      }
      if (lo < keys.length && keys[lo] === key) {
        this.cursor = lo + 1;
        return lo;
      }
      return -1;
    }
    if (this.index === null) {
      this.index = new Map();
      for (let i = 0; i < keys.length; i++) {
        if (this.index.has(keys[i])) throw new RangeError(`ColumnMap: ${keys[i]} added twice`);
        this.index.set(keys[i], i);
      }
    }
    const i = this.index.get(key);
    if (i === undefined) return -1;
    this.cursor = i + 1;
    return i;
  }
}
