/**
 * One entry of a page route's `getStaticPaths`: its params, its view model as the
 * page's `view` prop, and, in a build, the incremental-build key of that view model
 * (src/views/page-keys.ts).
 *
 * In `astro dev` the view model is built when the page is requested, not before:
 * Astro lists a route's paths again after every content change, and building the
 * view model of each of ten thousand quote pages took seconds where listing their
 * params takes milliseconds. A build needs every key before it renders, so it builds
 * every view model up front, as the page would.
 */
import { viewKey, type PlainData } from './page-keys.ts';
import { isDevServer } from './preview-mode.ts';
import { previewContent, reportPreviewMiss } from '../content/preview-content.ts';

export interface StaticPage<Params, View> {
  params: Params;
  props: { view: View };
  cacheKey?: string;
}

export function staticPage<Params, View>(params: Params, buildView: () => View & PlainData<View>): StaticPage<Params, View> {
  if (isDevServer()) {
    let view: View | undefined;
    const listedFor = previewContent()?.generation;
    // A getter: Astro hands the props to the page that was asked for, and only that page builds its view.
    return {
      params,
      props: {
        get view(): View {
          checkListedPaths(listedFor);
          view ??= buildView();
          return view;
        },
      },
    };
  }
  const view = buildView();
  return { params, props: { view }, cacheKey: viewKey(view) };
}

/**
 * In `astro dev`: Astro keeps a route's paths, with their props, until it is told that
 * content changed (src/build/integrations/preview.ts tells it when a content pass ends).
 * A page asked for a second after a pass, whose paths were listed before that pass, shows
 * the content as it was: the integration warns. (Within that second a request may have
 * listed the paths just before the pass ended.)
 */
function checkListedPaths(listedFor: number | undefined): void {
  const content = previewContent();
  if (listedFor === undefined || !content || content.generation === listedFor) return;
  if (performance.now() - content.publishedAt < 1000) return;
  reportPreviewMiss({
    kind: 'route refresh',
    why: `a page was served from paths listed after content pass ${listedFor}, but pass ${content.generation} ended ${Math.round(performance.now() - content.publishedAt)} ms before: Astro's dev router did not empty its cache of listed paths on "astro:content-changed"`,
  });
}
