// What each share card says, from checked content: the source is named as pages name it.
import { describe, expect, it } from 'vitest';
import { validateContent, type SourceFile } from '../../src/content/validate.ts';
import { cardInputs } from '../../src/build/cards/card-inputs.ts';

const file = (path: string, collection: SourceFile['collection'], fields: string[], body = ''): SourceFile => ({
  path: `content/${collection}/${path}`,
  collection,
  text: ['---', ...fields, '---', body].join('\n'),
});

const files: SourceFile[] = [
  file('ahmad-massoud.md', 'people', ['name: Ahmad Massoud']),
  file('bernard-henri-levy.md', 'people', ['name: Bernard-Henri Lévy']),
  file(
    'the-afghan.md',
    'articles',
    [
      "title: 'The Afghan Who \"Won''t\" Surrender'",
      'authors: [bernard-henri-levy]',
      'publication: The Wall Street Journal',
      'published: 2021-08-23T12:56:00-04:00',
    ],
    'What makes a people strong is the spirit of resistance.',
  ),
  file('untitled-publication.md', 'articles', [
    'title: Kabul Falls',
    'authors: [bernard-henri-levy]',
    'published: 2021-08-15T18:00:00-04:00',
  ]),
  file('spirit.md', 'quotes', ['text: What makes a people strong', 'speaker: ahmad-massoud', 'source: the-afghan', 'date: 2021-08-23']),
];

describe('cardInputs', () => {
  const { issues, content } = validateContent(files, { siteTimeZone: 'America/New_York', allowSeveralQuotesPerDay: false });
  const cards = cardInputs(content, { today: '2026-01-01', showScheduled: false, siteName: 'QTD', tagline: 'Quotes' });
  const card = (id: string) => cards.find((candidate) => candidate.id === id);

  it('reads valid content', () => {
    expect(issues).toEqual([]);
  });

  it('names a quote’s source with the title in quotation marks (its own quotes single) and the publication after it', () => {
    expect(card('spirit')?.detail).toBe('“The Afghan Who ‘Won’t’ Surrender” · The Wall Street Journal');
  });

  it('dates a quote’s card with its day as the quote of the day; an article’s card has no date', () => {
    expect(card('spirit')?.date).toBe('Aug. 23, 2021');
    expect(card('the-afghan')).not.toHaveProperty('date');
  });

  it('gives an article’s card its publication, upright, when it has no dek', () => {
    expect(card('the-afghan')?.detail).toBe('The Wall Street Journal');
    expect(card('untitled-publication')).not.toHaveProperty('detail');
  });
});
