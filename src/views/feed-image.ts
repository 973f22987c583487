import { absoluteUrl, assetUrl } from '../domain/urls.ts';
/** The channel image of every feed: the site's icon as a PNG (RSS readers do not read SVG). */
export function feedImageUrl(): string {
  return absoluteUrl(assetUrl('icon-144.png'));
}
