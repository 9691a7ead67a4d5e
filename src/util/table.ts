/**
 * A word table for lookups by arbitrary text: the same entries in an object without a prototype, so that
 * `word in table` and `table[word]` find only the entries ("constructor" or "toString" is not a key).
 */
export function wordTable<V>(entries: Record<string, V>): Record<string, V> {
  return Object.assign(Object.create(null) as Record<string, V>, entries);
}
