/**
 * The preview's content (src/content/preview-content.ts): what each pass publishes to the
 * pages, the quotes' places remembered between archives, and the work done ahead.
 */
import { describe, expect, it } from 'vitest';
import {
  codeVersion,
  createPacer,
  holdAhead,
  keepLocationsOf,
  locateAhead,
  noteCodeChange,
  onPreviewContent,
  onPreviewMiss,
  onPreviewRendering,
  previewContent,
  publishPreviewContent,
  rememberedLocation,
  rememberedLocations,
  reportPreviewMiss,
  signalPreviewRendering,
  type PreviewContent,
  type StoredEntry,
} from '../../src/content/preview-content.ts';
import { locateQuote } from '../../src/domain/locate-quote.ts';
import { prepareArticle } from '../../src/domain/quote-match.ts';

const PARAGRAPHS: readonly string[] = [
  'He answered at length. “We will not leave the valley. Our families are here,',
  '“and our dead are here. Whoever comes will find us waiting.” He left.',
  'The Taliban said nothing.',
];

function entry(id: string, data: Record<string, unknown> = {}): StoredEntry {
  return { id, data };
}

const noEntries = { people: [], articles: [], quotes: [], tags: [] };

describe('the content a pass publishes', () => {
  it('numbers each pass, hands it to every listener before publishing ends, and stops a listener that unsubscribed', async () => {
    expect(previewContent()).toBeUndefined();
    const seen: string[] = [];
    const stop = onPreviewContent(async (content) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen.push(`first ${content.generation} ${content.quotes.map((quote) => quote.id).join(',')}`);
    });
    onPreviewContent((content) => {
      seen.push(`second ${content.generation}`);
    });
    const first = await publishPreviewContent({ ...noEntries, quotes: [entry('a'), entry('b')] });
    expect(seen).toEqual(['first 1 a,b', 'second 1']);
    expect(previewContent()).toBe(first);
    stop();
    const second: PreviewContent = await publishPreviewContent(noEntries);
    expect(second.generation).toBe(2);
    expect(second.publishedAt).toBeGreaterThanOrEqual(first.publishedAt);
    expect(seen).toEqual(['first 1 a,b', 'second 1', 'second 2']);
  });

  it('tells its listeners when a pass starts rendering, and of what did not work', () => {
    let rendering = 0;
    const stop = onPreviewRendering(() => rendering++);
    signalPreviewRendering();
    stop();
    signalPreviewRendering();
    expect(rendering).toBe(1);
    const misses: string[] = [];
    onPreviewMiss((miss) => misses.push(`${miss.kind}: ${miss.why}`));
    reportPreviewMiss({ kind: 'route refresh', why: 'stale paths' });
    expect(misses).toEqual(['route refresh: stale paths']);
  });

  it('counts changes to the code', () => {
    const before = codeVersion();
    noteCodeChange();
    expect(codeVersion()).toBe(before + 1);
  });
});

describe('the quotes’ places, remembered', () => {
  const quote = 'Whoever comes will find us waiting.';

  it('are where locateQuote puts them, located once while the article’s text is the same', () => {
    const location = rememberedLocation('valley', PARAGRAPHS, quote);
    expect(location).toEqual(locateQuote(quote, prepareArticle(PARAGRAPHS)));
    // The same text in another array is the same article text: remembered.
    expect(rememberedLocation('valley', [...PARAGRAPHS], quote)).toBe(location);
    expect(rememberedLocation('valley', PARAGRAPHS, 'Not in the article at all.')).toBeUndefined();
    expect(rememberedLocations()).toBe(2);
  });

  it('are located again when the article’s text changes, and forgotten with their article', () => {
    const before = rememberedLocation('valley', PARAGRAPHS, quote);
    const edited = ['A new first paragraph.', ...PARAGRAPHS];
    const after = rememberedLocation('valley', edited, quote);
    expect(after).not.toBe(before);
    expect(after).toEqual(locateQuote(quote, prepareArticle(edited)));
    expect(after?.paragraphIndex).toBe(2);
    keepLocationsOf(new Set(['another article']));
    expect(rememberedLocations()).toBe(0);
  });

  it('are located ahead, a slice at a time, so that the archive finds them remembered', async () => {
    keepLocationsOf(new Set());
    const jobs = ['Whoever comes will find us waiting.', 'The Taliban said nothing.', 'Not in the article.'].map((text) => ({
      articleId: 'valley',
      paragraphs: PARAGRAPHS,
      text,
    }));
    let pauses = 0;
    // A pacer whose slices are over at once: a pause after every quote.
    const pacer = createPacer({ sliceMs: 0, probe: spareMachine() });
    const counting = {
      step: () => {
        const pause = pacer.step();
        if (pause) pauses++;
        return pause;
      },
    };
    expect(await locateAhead(jobs, counting)).toBe(3);
    expect(pauses).toBe(3);
    expect(rememberedLocations()).toBe(3);
    // Located already: nothing to do the second time.
    expect(await locateAhead(jobs, counting)).toBe(0);
  });

  it('pace the work ahead: within a slice no pause, after it one turn of the event loop', async () => {
    const pacer = createPacer({ sliceMs: 50, probe: spareMachine() });
    expect(pacer.step()).toBeUndefined();
    const spent = performance.now() + 60;
    while (performance.now() < spent) {
      // Work longer than the slice.
    }
    // What waits on the event loop (a Markdown worker's reply, say) runs before the work goes on.
    let waiting = false;
    setImmediate(() => (waiting = true));
    const pause = pacer.step();
    expect(pause).toBeInstanceOf(Promise);
    // Every job ahead that asks meanwhile waits for the same pause.
    expect(pacer.step()).toBe(pause);
    expect(waiting).toBe(false);
    await pause;
    expect(waiting).toBe(true);
    expect(pacer.step()).toBeUndefined();
  });

  it('wait while the machine has no processor to spare, and go on once it has', async () => {
    // Nothing idle and this thread given no time: another build has the processors.
    let spare = false;
    let idle = 0;
    const probe = { idleMs: () => (spare ? (idle += 1000) : idle), threadMs: () => 0 };
    const pacer = createPacer({ sliceMs: 0, windowMs: 8, probe });
    const busyUntil = performance.now() + 10;
    while (performance.now() < busyUntil) {
      // A slice of work, then a window's measure.
    }
    let resumed = false;
    void pacer.step()?.then(() => (resumed = true));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(resumed).toBe(false);
    spare = true;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(resumed).toBe(true);
  });
});

describe('work ahead, held back', () => {
  it('waits while anyone holds it, and goes on once every holder let go', async () => {
    const pacer = createPacer({ sliceMs: 0, probe: spareMachine() });
    const first = holdAhead();
    const second = holdAhead();
    let resumed = false;
    void pacer.step()?.then(() => (resumed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    first();
    first();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resumed).toBe(false);
    second();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resumed).toBe(true);
  });
});

/** A machine with a processor to spare: idle time grows with the clock. */
function spareMachine(): { idleMs: () => number; threadMs: () => number } {
  return { idleMs: () => performance.now() * 2, threadMs: () => 0 };
}
