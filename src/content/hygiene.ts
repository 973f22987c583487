/**
 * Characters that break or disguise text. PDF copies bring U+FFFD (a character the
 * copy lost) and ligature code points (ﬁ); bidi controls and zero-width spaces can
 * make text read differently from what it is. ZWNJ and ZWJ stay allowed: Persian
 * and other scripts need them. No-break spaces are ordinary spaces here.
 */
export type HygieneKind = 'replacement' | 'ligature' | 'control' | 'bidi' | 'zero-width' | 'invisible' | 'noncharacter' | 'surrogate';

export interface HygieneFinding {
  kind: HygieneKind;
  /** 1-based line and column in the scanned text. */
  line: number;
  column: number;
  codePoint: string;
  /** A few characters around it, with the character shown as its code point. */
  context: string;
}

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

function classify(char: string): HygieneKind | undefined {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0xfffd) return 'replacement';
  if (code >= 0xfb00 && code <= 0xfb06) return 'ligature';
  if ((code < 0x20 && char !== '\n' && char !== '\t' && char !== '\r') || (code >= 0x7f && code <= 0x9f)) return 'control';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return 'bidi';
  if (code === 0x200b || code === 0xfeff) return 'zero-width';
  if (code === 0x00ad || code === 0x2028 || code === 0x2029 || code === 0x2060 || code === 0x180e || (code >= 0xfff9 && code <= 0xfffb)) return 'invisible';
  if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return 'noncharacter';
  if (code >= 0xd800 && code <= 0xdfff) return 'surrogate';
  return undefined;
}

// With the `u` flag a surrogate in this class matches only when it stands alone, unpaired.
const SUSPECT =
  /[\uFFFD\uFB00-\uFB06\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B\uFEFF\u00AD\u2028\u2029\u2060\u180E\uFFF9-\uFFFB\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}-\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}\uD800-\uDFFF]/gu;

// The context is printed in a terminal: no raw line break, bidi control or other suspect character in it.
const shown = (part: string): string =>
  part.replace(/\r\n|[\r\n]/g, ' ').replace(new RegExp(SUSPECT.source, 'gu'), (char) => `[${codePointLabel(char)}]`);

export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function scanText(text: string): HygieneFinding[] {
  const findings: HygieneFinding[] = [];
  // A byte-order mark at the very start of a file is an encoding marker, not content.
  const startAt = text.startsWith('\uFEFF') ? 1 : 0;
  SUSPECT.lastIndex = startAt;
  for (let match = SUSPECT.exec(text); match; match = SUSPECT.exec(text)) {
    const char = match[0];
    const kind = classify(char);
    if (!kind) continue;
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    const column = match.index - before.lastIndexOf('\n');
    const context = `${shown(text.slice(Math.max(0, match.index - 12), match.index))}[${codePointLabel(char)}]${shown(text.slice(match.index + char.length, match.index + char.length + 12))}`;
    findings.push({ kind, line, column, codePoint: codePointLabel(char), context });
  }
  return findings;
}

/**
 * The message and fix for a finding. `inValue`: the scanned text is one front-matter
 * value, reported at its field's line; a value written over several lines (a quote's
 * `text: |` with its paragraphs) then says which of its lines holds the character.
 */
export function describeFinding(finding: HygieneFinding, { inValue = false }: { inValue?: boolean } = {}): { message: string; fix: string } {
  const at = inValue && finding.line > 1 ? `at column ${finding.column} of the value's line ${finding.line}` : `at column ${finding.column}`;
  switch (finding.kind) {
    case 'replacement':
      return {
        message: `a broken character (U+FFFD, the copy lost a character here) ${at}: "${finding.context}"`,
        fix: 'replace it with the character(s) of the original, e.g. "fi" in "�ighters" or ":" in "12�56" (npm run import guesses them).',
      };
    case 'ligature': {
      return {
        message: `a ligature code point ${finding.codePoint} ${at}: "${finding.context}"`,
        fix: 'write the separate letters instead (ﬁ → fi, ﬂ → fl, ﬀ → ff).',
      };
    }
    case 'control':
      return {
        message: `an invisible control character ${finding.codePoint} ${at}: "${finding.context}"`,
        fix: 'delete it; it is not text.',
      };
    case 'bidi':
      return {
        message: `a bidirectional override/isolate ${finding.codePoint} ${at}, which can make text display differently from what it is: "${finding.context}"`,
        fix: 'delete it; right-to-left quotes get their direction from the `lang` field.',
      };
    case 'invisible':
      return {
        message: `an invisible character ${finding.codePoint} (${invisibleName(finding.codePoint)}) ${at}, which changes the words without showing: "${finding.context}"`,
        fix: 'delete it.',
      };
    case 'noncharacter':
      return {
        message: `a noncharacter ${finding.codePoint} ${at}, which is not text and which XML feeds may not contain: "${finding.context}"`,
        fix: 'delete it.',
      };
    case 'surrogate':
      return {
        message: `half of a character (a lone surrogate ${finding.codePoint}) ${at}, usually a broken \\u escape: "${finding.context}"`,
        fix: 'write the whole character, or both halves of its \\u escape.',
      };
    case 'zero-width':
      return {
        message: `a zero-width space ${finding.codePoint} ${at}, which hides inside words: "${finding.context}"`,
        fix: 'delete it (ZWNJ U+200C and ZWJ U+200D, which Persian and other scripts need, are allowed).',
      };
  }
}

function invisibleName(codePoint: string): string {
  const names: Record<string, string> = {
    'U+00AD': 'a soft hyphen',
    'U+2028': 'a line separator',
    'U+2029': 'a paragraph separator',
    'U+2060': 'a word joiner',
    'U+180E': 'a Mongolian vowel separator',
  };
  return names[codePoint] ?? 'an annotation mark';
}

/**
 * Every string of a parsed front matter, with the path of its field (`title`,
 * `corrections[0].note`), so that hygiene reads the values the pages are built from,
 * escapes (`"\u202E"`) resolved, instead of the bytes of the file.
 */
export function stringValues(value: unknown, path = ''): { field: string; text: string }[] {
  if (typeof value === 'string') return [{ field: path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringValues(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // Keys need no scan: the schemas accept only their own field names.
    return Object.entries(value).flatMap(([key, item]) => stringValues(item, path ? `${path}.${key}` : key));
  }
  return [];
}

export function ligatureLetters(char: string): string | undefined {
  return LIGATURES[char];
}
