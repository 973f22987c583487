/** Writing direction of a BCP 47 language tag, for `dir` on quotes in right-to-left scripts. */
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'he',
  'iw',
  'ks',
  'ku-arab',
  'pa-arab',
  'ps',
  'sd',
  'syr',
  'ug',
  'ur',
  'yi',
]);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg', 'mand']);

function likelyScript(lang: string): string | undefined {
  try {
    return new Intl.Locale(lang.replace(/_/g, '-')).maximize().script?.toLowerCase();
  } catch {
    return undefined;
  }
}

// Maximising a locale is slow, and a page asks once per quote it lists: each tag is read once.
const directions = new Map<string, 'ltr' | 'rtl'>();

export function textDirection(lang: string | undefined): 'ltr' | 'rtl' {
  if (!lang) return 'ltr';
  let direction = directions.get(lang);
  if (direction === undefined) {
    direction = directionOf(lang);
    directions.set(lang, direction);
  }
  return direction;
}

function directionOf(lang: string): 'ltr' | 'rtl' {
  const subtags = lang.toLowerCase().split(/[-_]/);
  // The likely script of the whole tag (`prs` → Arab), read only from language, script and region.
  const script = likelyScript(lang) ?? subtags.find((part) => part.length === 4 && /^[a-z]{4}$/.test(part));
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(subtags[0] ?? '') ? 'rtl' : 'ltr';
}
