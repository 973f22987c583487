import { afterEach, describe, expect, it } from 'vitest';
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
