/**
 * Documents every reader of their format accepts, whatever characters the content
 * holds. The content check refuses such characters, but the writers do not rely on
 * it: each format has one function here that its writers pass their output through.
 * What cannot be written becomes U+FFFD, the replacement character, as a decoder
 * does with bytes it cannot read: visible, never silently lost, never an error.
 */

/**
 * Characters outside XML 1.0's `Char` production: C0 controls but tab, LF and CR,
 * U+FFFE, U+FFFF, and surrogates not in a pair. With the `u` flag a surrogate pair is
 * one code point, beyond U+FFFF, so the surrogate range matches only lone halves.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
const NOT_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/**
 * The text with every character XML 1.0 forbids replaced by U+FFFD. A well-formed
 * document stays well-formed (markup never holds such characters), and one whose
 * content held them becomes well-formed for strict parsers (expat, libxml2), which
 * reject a whole feed for one NUL. Escaping cannot help: XML forbids `&#0;` too.
 */
export function replaceNonXmlChars(text: string): string {
  // Most documents hold none: a test is far cheaper than a replace.
  return NOT_XML_CHAR.test(text) ? text.replace(NOT_XML_CHARS, '\uFFFD') : text;
}

// JSON.stringify writes a lone surrogate as an escape (a pair as itself): the text can only hold one if it holds this.
const ESCAPED_SURROGATE = /\\ud[89a-f]/i;

/** A replacer that makes every string and key well-formed UTF-16 (lone surrogates become U+FFFD). */
function wellFormedStrings(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return value.toWellFormed();
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((key) => !key.isWellFormed())) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.toWellFormed(), item]));
  }
  return value;
}

/**
 * JSON text of `value`, as JSON.stringify writes it (`indent` as its `space`), but
 * with every lone surrogate, in a string or a key, replaced by U+FFFD. JSON.stringify
 * escapes a lone surrogate (`"\ud800"`), which is valid JSON but decodes to a string
 * that is not Unicode: strict readers reject it (I-JSON, RFC 7493, forbids it) and
 * others fail later, when they encode it. Throws when the value has no JSON form.
 */
export function wellFormedJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  if (json === undefined) throw new TypeError('wellFormedJson: the value has no JSON form');
  if (!ESCAPED_SURROGATE.test(json)) return json;
  return JSON.stringify(value, wellFormedStrings, indent) as string;
}
