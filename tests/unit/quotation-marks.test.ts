import { describe, expect, it } from 'vitest';
import { inQuotes, nestQuotes, unclosedQuotes } from '../../src/domain/quotation-marks.ts';

describe('inQuotes', () => {
  it('sets a title in double curly quotes', () => {
    expect(inQuotes('The Afghan Who Won’t Surrender to the Taliban')).toBe('“The Afghan Who Won’t Surrender to the Taliban”');
  });

  it('turns the title’s own double quotes to single ones', () => {
    expect(nestQuotes('Why “Never” Is a Long Time')).toBe('Why ‘Never’ Is a Long Time');
    expect(inQuotes('Why “Never” Is a Long Time')).toBe('“Why ‘Never’ Is a Long Time”');
  });
});

describe('unclosedQuotes', () => {
  it('finds nothing to close in a balanced text, apostrophes included', () => {
    expect(unclosedQuotes('He said “no” and ‘yes’; it won’t do')).toBe('');
  });

  it('closes each opened mark, innermost first', () => {
    expect(unclosedQuotes('He said “she told me ‘never')).toBe('’”');
    expect(unclosedQuotes('He said “never')).toBe('”');
  });

  it('does not take an apostrophe inside a word for a closing mark', () => {
    expect(unclosedQuotes('‘We won’t')).toBe('’');
  });
});
