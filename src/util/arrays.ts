/**
 * An empty array already in V8's "packed, any value" elements kind, the kind an array of objects has once
 * something was pushed. A literal `[]` starts as an array of small integers and moves to that kind at its
 * first object, so empty and non-empty arrays built by the same code have different hidden classes; an
 * optimised loop that saw only one of them is thrown away (and recompiled) when it meets the other. Lists that
 * are kept in results and read by many stages (a story's entities) are made with this, so every one of them has
 * the same hidden class, empty or not.
 */
export function objectArray<T>(): T[] {
  const a: (T | null)[] = [null];
  a.length = 0;
  return a as T[];
}
