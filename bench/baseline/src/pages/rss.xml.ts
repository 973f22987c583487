import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getSite } from '../site.ts';

export async function GET(context: APIContext) {
  const site = await getSite();
  return rss({
    title: 'Baseline: quotes of the day',
    description: 'The latest quotes of the day.',
    site: context.site ?? 'https://baseline.example',
    items: site.quotes.slice(0, 50).map((quote) => ({
      title: quote.text.split(' ').slice(0, 10).join(' '),
      description: quote.text,
      link: `/quotes/${quote.id}/`,
      pubDate: new Date(`${quote.day}T12:00:00Z`),
    })),
  });
}
