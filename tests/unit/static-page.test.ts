import { afterEach, describe, expect, it, vi } from 'vitest';
import { staticPage } from '../../src/views/static-page.ts';
import { viewKey } from '../../src/views/page-keys.ts';

describe('staticPage', () => {
  const devServer = process.env.QTD_DEV_SERVER;
  afterEach(() => {
    if (devServer === undefined) delete process.env.QTD_DEV_SERVER;
    else process.env.QTD_DEV_SERVER = devServer;
  });

  it('in a build: builds the view model at once and keys the page by it', () => {
    delete process.env.QTD_DEV_SERVER;
    let built = 0;
    const page = staticPage({ id: 'we-will-resist' }, () => {
      built++;
      return { title: 'We will resist', quotes: ['a', 'b'] };
    });
    expect(built).toBe(1);
    expect(page.params).toEqual({ id: 'we-will-resist' });
    expect(page.props.view).toEqual({ title: 'We will resist', quotes: ['a', 'b'] });
    expect(page.cacheKey).toBe(viewKey({ title: 'We will resist', quotes: ['a', 'b'] }));
  });

  it('in astro dev: builds the view model only when the page reads it, once, and gives no key', () => {
    process.env.QTD_DEV_SERVER = '1';
    let built = 0;
    const pages = ['a', 'b', 'c'].map((id) =>
      staticPage({ id }, () => {
        built++;
        return { id };
      }),
    );
    expect(built).toBe(0);
    expect(pages.every((page) => page.cacheKey === undefined)).toBe(true);
    const { view } = pages[1]!.props;
    expect(view).toEqual({ id: 'b' });
    expect(pages[1]!.props.view).toBe(view);
    // Astro may copy the props it hands to the page: the copy has the view too.
    expect({ ...pages[2]!.props }.view).toEqual({ id: 'c' });
    expect(built).toBe(2);
  });
});

describe('staticPage in astro dev, after a content pass', () => {
  const devServer = process.env.QTD_DEV_SERVER;
  afterEach(() => {
    if (devServer === undefined) delete process.env.QTD_DEV_SERVER;
    else process.env.QTD_DEV_SERVER = devServer;
  });

  it('reports a page served from paths listed before the last pass, once that pass is a second old', async () => {
    process.env.QTD_DEV_SERVER = '1';
    const { onPreviewMiss, publishPreviewContent } = await import('../../src/content/preview-content.ts');
    const misses: string[] = [];
    onPreviewMiss((miss) => misses.push(miss.kind));
    const noEntries = { people: [], articles: [], quotes: [], tags: [] };
    await publishPreviewContent(noEntries);
    const listedNow = staticPage({ id: 'a' }, () => ({ id: 'a' }));
    const listedBefore = staticPage({ id: 'b' }, () => ({ id: 'b' }));
    expect(listedNow.props.view).toEqual({ id: 'a' });
    expect(misses).toEqual([]);
    const pass = await publishPreviewContent(noEntries);
    // Within a second of the pass a request may have listed its paths just before it ended.
    expect(staticPage({ id: 'c' }, () => ({ id: 'c' })).props.view).toEqual({ id: 'c' });
    expect(misses).toEqual([]);
    // A second later, paths listed before the pass mean Astro's router kept them: reported.
    const later = vi.spyOn(performance, 'now').mockImplementation(() => pass.publishedAt + 1500);
    try {
      expect(listedBefore.props.view).toEqual({ id: 'b' });
    } finally {
      later.mockRestore();
    }
    expect(misses).toEqual(['route refresh']);
  });
});
