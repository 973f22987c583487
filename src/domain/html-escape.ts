/**
 * Text escaped for HTML and XML: element content, and attribute values in either kind of
 * quotes. The apostrophe becomes `&#39;`, which HTML and XML both read (`&apos;` is XML's
 * and HTML5's, not HTML 4's, which some feed readers still parse by).
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}
