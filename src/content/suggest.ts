/** Edit distance (Levenshtein), for "did you mean …?" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known value nearest to `value`, when it is near enough to be a likely typo. */
export function nearest(value: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const tolerance = Math.max(2, Math.floor(Math.max(value.length, best.length) / 3));
  return bestDistance <= tolerance ? best : undefined;
}

/** The words of an id or a name, lower case: "Winston Churchill" and "winston-churchill" are both [winston, churchill]. */
function wordsOf(value: string): string[] {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether `inner`'s words stand, in order and side by side, among `outer`'s. */
function containsWords(outer: readonly string[], inner: readonly string[]): boolean {
  if (inner.length === 0 || inner.length > outer.length) return false;
  for (let start = 0; start + inner.length <= outer.length; start++) {
    if (inner.every((word, index) => outer[start + index] === word)) return true;
  }
  return false;
}

/**
 * What the curator probably meant, best first, at most `limit`: the nearest known value
 * when it is a likely typo, then the values that hold the written words whole
 * ("churchill" → "winston-churchill") or that the written value holds
 * ("sir-winston-churchill" → "winston-churchill"), shortest first. Whole words only,
 * so that "art" does not suggest "start".
 */
export function suggestions(value: string, known: Iterable<string>, limit = 3): string[] {
  const candidates = [...new Set(known)];
  const found: string[] = [];
  const typo = nearest(value, candidates);
  if (typo !== undefined) found.push(typo);
  const written = wordsOf(value);
  if (written.join('').length >= 3) {
    const holding = candidates
      .filter((candidate) => candidate !== typo)
      .filter((candidate) => {
        const words = wordsOf(candidate);
        return containsWords(words, written) || (words.join('').length >= 3 && containsWords(written, words));
      })
      .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    found.push(...holding);
  }
  return found.slice(0, limit);
}

/** " Did you mean "a"?", " Did you mean "a" or "b"?", or nothing when no known value is near. */
export function didYouMean(value: string, known: Iterable<string>): string {
  const found = suggestions(value, known).map((item) => `"${item}"`);
  if (found.length === 0) return '';
  const last = found.pop() ?? '';
  return ` Did you mean ${found.length > 0 ? `${found.join(', ')} or ${last}` : last}?`;
}
