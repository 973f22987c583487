/**
 * A strict XML 1.0 check, as expat or libxml2 make it and as feed readers and search
 * engines do: UTF-8, well-formedness, namespaces and every character. fast-xml-parser,
 * which reads values in the tests, accepts a NUL or U+FFFF; saxes does not.
 *
 * saxes reads a JavaScript string and takes a high surrogate to start a pair without
 * looking at what follows, so a lone high surrogate can slip through it: the text is
 * checked first to be Unicode (a file, to be UTF-8), which no lone surrogate is.
 */
import { SaxesParser } from 'saxes';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why a strict parser rejects the document (a file's bytes, or its text), one message each; empty when it is well-formed. */
export function xmlWellFormednessErrors(document: string | Uint8Array): string[] {
  let text: string;
  if (typeof document === 'string') {
    if (!document.isWellFormed()) return ['the text holds a lone surrogate: it has no UTF-8 form'];
    text = document;
  } else {
    try {
      text = utf8.decode(document);
    } catch {
      return ['the bytes are not UTF-8'];
    }
  }
  const parser = new SaxesParser({ xmlns: true });
  const errors: string[] = [];
  parser.on('error', (error) => errors.push(error.message));
  parser.write(text).close();
  return errors;
}
