import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nextFreeDay, quoteFileText, quoteIdFromText } from '../../src/tools/quote-file.ts';
import { parseFrontmatter } from '../../src/content/frontmatter.ts';

describe('new quote', () => {
  it('takes the first day without a quote, from today on', () => {
    expect(nextFreeDay(new Set(), '2026-11-26')).toBe('2026-11-26');
    expect(nextFreeDay(new Set(['2026-11-26', '2026-11-27']), '2026-11-26')).toBe('2026-11-28');
    expect(nextFreeDay(new Set(['2024-02-28', '2024-02-29']), '2024-02-28')).toBe('2024-03-01');
    expect(nextFreeDay(new Set(['2026-12-31']), '2026-12-31')).toBe('2027-01-01');
  });

  it('makes a kebab-case id from the first words, unique, never all digits', () => {
    expect(quoteIdFromText('What makes a people strong, above and beyond', new Set())).toBe('what-makes-a-people-strong');
    expect(quoteIdFromText('I’m Lévy’s friend', new Set())).toBe('im-levys-friend');
    expect(quoteIdFromText('What makes a people strong', new Set(['what-makes-a-people-strong']))).toBe('what-makes-a-people-strong-2');
    expect(quoteIdFromText('1940', new Set())).toBe('quote-1940');
    expect(quoteIdFromText('1940 1941', new Set())).toBe('1940-1941');
    expect(quoteIdFromText('…', new Set())).toBe('quote');
  });

  it('writes front matter that reads back to the same values, whatever the text holds', () => {
    const text = 'He said: "no" # not a comment . . . and \\ more';
    const file = quoteFileText({ text, speaker: 'ahmad-massoud', source: 'an-article', date: '2021-08-23', curator: 'jenna-lee' });
    const parsed = parseFrontmatter(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file.data).toEqual({ text, speaker: 'ahmad-massoud', source: 'an-article', date: '2021-08-23', curator: 'jenna-lee' });
    expect(file).toContain('\ndate: 2021-08-23\n');
    expect(parse(file.split('---')[1] ?? '')).toMatchObject({ speaker: 'ahmad-massoud' });
  });
});
