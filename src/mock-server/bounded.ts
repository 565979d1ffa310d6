// Memory that stays bounded however long the mock runs: a log of the last N entries, and a map that forgets its
// oldest keys. A mock left running for a day of tests (or 50,000 payments of a benchmark) must not grow without end.

export interface BoundedLog<T> {
  push(entry: T): void;
  /** The entries kept, oldest first, as a fresh array. */
  toArray(): T[];
  clear(): void;
}

/** The last `max` entries pushed, in a ring: pushing is O(1), whatever the size. */
export function boundedLog<T>(max: number): BoundedLog<T> {
  let ring: T[] = [];
  let start = 0;
  return {
    push(entry) {
      if (ring.length < max) ring.push(entry);
      else {
        ring[start] = entry;
        start = (start + 1) % max;
      }
    },
    toArray: () => [...ring.slice(start), ...ring.slice(0, start)],
    clear() {
      ring = [];
      start = 0;
    },
  };
}

/** Sets `key` in `map`, dropping the oldest keys beyond `max` (a Map iterates in insertion order). */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}
