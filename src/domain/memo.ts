/**
 * A memo of a two-argument function, kept in nested maps (first argument, then
 * second) rather than under a key built from both: building "zone|instant" or
 * "count|text" would copy and hash the whole key on every look-up, which on a
 * hot path costs more than the look-up saves. Grows without bound: for values
 * a build asks for again and again (a zone's few instants, quotes' first words).
 */
export function memoize2<A, B, V>(compute: (first: A, second: B) => V): (first: A, second: B) => V {
  const byFirst = new Map<A, Map<B, V>>();
  return (first, second) => {
    let bySecond = byFirst.get(first);
    if (!bySecond) {
      bySecond = new Map();
      byFirst.set(first, bySecond);
    }
    if (bySecond.has(second)) return bySecond.get(second) as V;
    const value = compute(first, second);
    bySecond.set(second, value);
    return value;
  };
}
