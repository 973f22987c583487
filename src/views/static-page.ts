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

export interface StaticPage<Params, View> {
  params: Params;
  props: { view: View };
  cacheKey?: string;
}

export function staticPage<Params, View>(params: Params, buildView: () => View & PlainData<View>): StaticPage<Params, View> {
  if (isDevServer()) {
    let view: View | undefined;
    // A getter: Astro hands the props to the page that was asked for, and only that page builds its view.
    return {
      params,
      props: {
        get view(): View {
          view ??= buildView();
          return view;
        },
      },
    };
  }
  const view = buildView();
  return { params, props: { view }, cacheKey: viewKey(view) };
}
