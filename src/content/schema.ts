/**
 * The content contract in code (docs/content.md). One definition,
 * used twice: by `src/content.config.ts` with Astro's `reference()`, and by the
 * build's own content check (`validate.ts`) with plain ids, so that both read
 * the same rules.
 */
import { z } from 'astro/zod';
import {
  calendarDayInZone,
  calendarDayOfYamlDate,
  isValidTimeZone,
  parseCalendarDay,
  parseDateTime,
  yearOutOfRange,
} from '../domain/dates.ts';
import { sameWords } from '../domain/published-words.ts';

export type Collection = 'people' | 'articles' | 'quotes';

/** What a reference field becomes once parsed: Astro's `reference()` output. */
export interface EntryRef<C extends Collection = Collection> {
  id: string;
  collection: C;
}

export type RefFactory = <C extends Collection>(collection: C) => z.ZodType<EntryRef<C>>;

/** Plain references for the content check (which reports unknown ids itself). */
export const plainRef: RefFactory = <C extends Collection>(collection: C) =>
  z.string({ error: `must be the id of an entry in content/${collection}/` }).transform((id) => ({ id, collection }));

export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A calendar day, `2021-08-23`, in the years QTD accepts (1000–9998, src/domain/dates.ts).
 * Astro's js-yaml hands unquoted days over as Date objects.
 */
export const calendarDay = z.union([z.string(), z.date()]).transform((value, ctx) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a real calendar day' });
      return z.NEVER;
    }
    const outOfRange = yearOutOfRange(value.getUTCFullYear());
    if (outOfRange) {
      ctx.addIssue({ code: 'custom', message: outOfRange });
      return z.NEVER;
    }
    return calendarDayOfYamlDate(value);
  }
  const parsed = parseCalendarDay(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.value;
});

// The datetimes as written ('2021-08-23T12:56:00-04:00'), by the Date each became: the
// rules between fields quote them back and compare days as the author wrote them.
const writtenDateTimes = new WeakMap<Date, string>();

/**
 * A datetime with its offset, `2021-08-23T12:56:00-04:00`, in the years QTD accepts,
 * kept as the instant it names.
 */
export const dateTime = z.union([z.string(), z.date()]).transform((value, ctx) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date and time' });
      return z.NEVER;
    }
    const outOfRange = yearOutOfRange(value.getUTCFullYear());
    if (outOfRange) {
      ctx.addIssue({ code: 'custom', message: outOfRange });
      return z.NEVER;
    }
    return value;
  }
  const parsed = parseDateTime(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  const instant = new Date(parsed.value.epochMs);
  writtenDateTimes.set(instant, parsed.value.written);
  return instant;
});

/** A datetime as its author wrote it, or as ISO 8601 in UTC when it came as a Date (js-yaml). */
function asWritten(instant: Date): string {
  return writtenDateTimes.get(instant) ?? instant.toISOString();
}

/**
 * The calendar day a datetime names as written (`2021-08-23` for
 * `2021-08-23T23:30:00-04:00`). A Date from js-yaml has lost its offset: then the
 * earliest day the instant is anywhere (UTC−12), so that no later day is refused.
 */
function writtenDay(instant: Date): string {
  const written = writtenDateTimes.get(instant);
  return written ? written.slice(0, 10) : calendarDayInZone(instant.getTime(), 'Etc/GMT+12');
}

const text = (what: string) => z.string({ error: `must be text: ${what}` }).trim().min(1, `must not be empty: ${what}`);

/**
 * Why a web address cannot be written into pages, feeds and JSON-LD as it is, or
 * undefined when it can: an absolute http(s) URL without credentials, written exactly
 * as the URL standard serialises it (`new URL(value).href`), so that it holds no raw
 * space, newline, quotation mark, `<` or `>`, and no upper-case scheme or host. A bare
 * origin may leave out its final slash (`https://example.org`).
 */
export function webUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a full web address starting with https:// (or http://)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `must be a full web address starting with https:// (or http://), while this one starts with ${url.protocol}`;
  }
  if (url.username !== '' || url.password !== '') {
    url.username = '';
    url.password = '';
    return `must not hold a user name or password (the "user:pass@" part): write ${url.href} instead`;
  }
  const bareOrigin = url.pathname === '/' && url.search === '' && url.hash === '' && `${value}/` === url.href;
  if (url.href !== value && !bareOrigin) {
    return (
      `must be written the way browsers write it: ${url.href} ` +
      '(spaces, quotation marks, <, > and letters outside ASCII percent-encoded, the scheme and host in lower case)'
    );
  }
  return undefined;
}

const webUrl = z.string({ error: 'must be a full web address starting with https:// (or http://)' }).superRefine((value, ctx) => {
  const problem = webUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const languageTag = z.string().refine((value) => {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}, 'must be a BCP 47 language tag such as en, fr, ar or fa-IR');

const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as America/New_York');

const tagId = z.string().regex(KEBAB_CASE, 'must be a tag id in kebab-case, as listed in content/tags.yaml');

const corrections = z
  .array(z.strictObject({ date: calendarDay, note: text('what was corrected') }))
  .default([]);

/**
 * A quote's corrections: one that changes the published words gives the words as they
 * were before it in `from`, so that the words as published (content/quote-texts.yaml),
 * the corrections and the current `text` form one checked chain (quote-ledger.ts).
 */
const quoteCorrections = z
  .array(z.strictObject({ date: calendarDay, note: text('what was corrected'), from: text('the words as they were before this correction').optional() }))
  .default([]);

export function personSchema() {
  return z.strictObject({
    /** Full name as shown. */
    name: text('the person’s name'),
    /** One line: who they are ("Afghan resistance leader"). */
    description: text('one line saying who they are').optional(),
    /** For A–Z lists: "Massoud, Ahmad". */
    sortName: text('the name as sorted, e.g. "Massoud, Ahmad"').optional(),
    /** An authoritative page about them. */
    url: webUrl.optional(),
  });
}

/** A title's words whatever their capitals, quotation marks and spacing: what a sentence-case title must keep. */
function sameWordsKey(title: string): string {
  return title.toLocaleLowerCase('en').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

export function articleSchema(ref: RefFactory) {
  return z
    .strictObject({
      title: text('the article’s title'),
      /** Subtitle. */
      dek: text('the subtitle').optional(),
      /** Person ids, at least one. */
      authors: z.array(ref('people'), { error: 'must be a list of person ids, e.g. [bernard-henri-levy]' }).min(1, 'needs at least one author (a person id)'),
      publication: text('the publication, e.g. "The Wall Street Journal"').optional(),
      section: text('the section, e.g. "Opinion · Commentary"').optional(),
      /** Instant of publication, written with its offset. */
      published: dateTime,
      /** Zone the date is shown in; the site's by default. */
      timeZone: timeZone.optional(),
      updated: dateTime.optional(),
      sourceUrl: webUrl.optional(),
      /** An archived copy of the original (a Wayback Machine snapshot), given beside it for when its link rots. */
      archivedUrl: webUrl.optional(),
      /** The title in sentence case, its proper nouns kept: APA's form, which no rule can derive from a headline. */
      titleSentenceCase: text('the title in sentence case, e.g. "The Afghan who won’t surrender to the Taliban"').optional(),
      /** Caption of the lead photo (the photo itself may be absent). */
      caption: text('the photo caption').optional(),
      /** Note about the author as printed with the article. */
      authorNote: text('the note about the author').optional(),
      rights: text('the rights or permission note').optional(),
      display: z.enum(['full', 'excerpt'], { error: 'must be `full` or `excerpt`' }).default('full'),
      corrections,
      tags: z.array(tagId).default([]),
    })
    .superRefine((article, ctx) => {
      // An archived copy stands beside the original, never for it: citations name the original first.
      if (article.archivedUrl !== undefined && article.sourceUrl === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['archivedUrl'],
          message:
            'is an archived copy of the original article, but the article has no `sourceUrl`: add `sourceUrl:` with the address of the original, which pages and citations give first',
        });
      }
      // Only the capitals may differ: other words are a typo in one of the two.
      if (article.titleSentenceCase && article.title && sameWordsKey(article.titleSentenceCase) !== sameWordsKey(article.title)) {
        ctx.addIssue({
          code: 'custom',
          path: ['titleSentenceCase'],
          message: `reads “${article.titleSentenceCase}” but the title reads “${article.title}”: write the title's words with only their capitals changed`,
        });
      }
      // An update and a correction follow the publication: an earlier date is a typo in one of them.
      const published = asWritten(article.published);
      if (article.updated && article.updated.getTime() < article.published.getTime()) {
        ctx.addIssue({
          code: 'custom',
          path: ['updated'],
          message: `is ${asWritten(article.updated)}, before \`published\` (${published}): an article is updated after it is published; correct whichever of the two is wrong`,
        });
      }
      const publishedDay = writtenDay(article.published);
      article.corrections.forEach((correction, index) => {
        if (correction.date < publishedDay) {
          ctx.addIssue({
            code: 'custom',
            path: ['corrections', index, 'date'],
            message: `is ${correction.date}, before the article was published (\`published: ${published}\`): a correction is dated on or after the day of publication; correct the date`,
          });
        }
      });
    });
}

export function quoteSchema(ref: RefFactory) {
  return z
    .strictObject({
      /** The words exactly as in the source, without the outer quotation marks. */
      text: text('the quote’s words, exactly as in the source'),
      speaker: ref('people'),
      /** The article the words are found in. */
      source: ref('articles').optional(),
      /** The day it is (or was) the quote of the day. */
      date: calendarDay,
      /** Who chose it and wrote the commentary. */
      curator: ref('people').optional(),
      /** One-line setting when there is no source article. */
      context: text('one line saying where and when it was said').optional(),
      lang: languageTag.optional(),
      tags: z.array(tagId).default([]),
      corrections: quoteCorrections,
      withdrawn: z.strictObject({ date: calendarDay, reason: text('why it was withdrawn') }).optional(),
      /** This quote may share its day with another: both are that day's quotes of the day. */
      sharesDay: z.boolean({ error: 'must be `true` (or `false`)' }).optional(),
    })
    .superRefine((quote, ctx) => {
      // A quote is withdrawn or corrected once it has been the quote of the day, not before.
      if (quote.withdrawn && quote.withdrawn.date < quote.date) {
        ctx.addIssue({
          code: 'custom',
          path: ['withdrawn', 'date'],
          message: `is ${quote.withdrawn.date}, before the quote's day (\`date: ${quote.date}\`): a quote is withdrawn on or after its day; correct the date`,
        });
      }
      quote.corrections.forEach((correction, index) => {
        if (correction.date < quote.date) {
          ctx.addIssue({
            code: 'custom',
            path: ['corrections', index, 'date'],
            message: `is ${correction.date}, before the quote's day (\`date: ${quote.date}\`): a quote is corrected on or after its day; correct the date`,
          });
        }
      });
      // The words' history, in the order of the list: each `from` is followed by the next
      // one, the last by `text`. A step that changes nothing, or goes back in time, is a typo.
      const changes = quote.corrections.flatMap(({ date, from }, index) => (from === undefined ? [] : [{ date, from, index }]));
      changes.forEach((change, step) => {
        const next = changes[step + 1];
        if (sameWords(change.from, next ? next.from : quote.text)) {
          ctx.addIssue({
            code: 'custom',
            path: ['corrections', change.index, 'from'],
            message: `is the same as the words after this correction (${next ? `\`from\` of corrections[${next.index}]` : '`text`'}): \`from\` gives the words as they were before the correction changed them`,
          });
        }
        if (next && next.date < change.date) {
          ctx.addIssue({
            code: 'custom',
            path: ['corrections', next.index, 'date'],
            message: `is ${next.date}, before the earlier change of the words (corrections[${change.index}], ${change.date}): list the corrections that change the words in the order they were made`,
          });
        }
      });
    });
}

const tagFields = {
  name: text('the tag’s name'),
  description: text('one line about the tag').optional(),
  /** Former ids of this tag, kept as redirects to its page. */
  renamedFrom: z.array(z.string().regex(KEBAB_CASE)).default([]),
};

/** One entry of `content/tags.yaml`. */
export const tagRegistrySchema = z.array(z.strictObject({ id: z.string().regex(KEBAB_CASE, 'must be kebab-case (it is part of a URL)'), ...tagFields }));

/** A tag as the `tags` collection stores it: its id is the entry's id. */
export const tagSchema = z.strictObject(tagFields);

export type TagRegistry = z.infer<typeof tagRegistrySchema>;
export type PersonData = z.infer<ReturnType<typeof personSchema>>;
export type ArticleData = z.infer<ReturnType<typeof articleSchema>>;
export type QuoteData = z.infer<ReturnType<typeof quoteSchema>>;

/** Words the fix of each field can point to, for error messages. */
export const FIELD_EXAMPLES: Record<string, string> = {
  name: 'name: Ahmad Massoud',
  description: 'description: Afghan resistance leader',
  title: 'title: The Afghan Who Won’t Surrender to the Taliban',
  authors: 'authors: [bernard-henri-levy]',
  published: 'published: 2021-08-23T12:56:00-04:00',
  updated: 'updated: 2021-08-24T09:00:00-04:00',
  timeZone: 'timeZone: America/New_York',
  text: 'text: "What makes a people strong …"',
  speaker: 'speaker: ahmad-massoud',
  source: 'source: the-afghan-who-wont-surrender-to-the-taliban',
  date: 'date: 2021-08-23',
  curator: 'curator: jenna-lee',
  lang: 'lang: fa',
  tags: 'tags: [resistance]',
  url: 'url: https://en.wikipedia.org/wiki/…',
  sourceUrl: 'sourceUrl: https://www.wsj.com/articles/…',
  archivedUrl: 'archivedUrl: https://web.archive.org/web/20210823170000/https://www.wsj.com/articles/…',
  titleSentenceCase: 'titleSentenceCase: The Afghan who won’t surrender to the Taliban',
  display: 'display: excerpt',
  corrections: 'corrections: [{ date: 2021-08-24, note: "Fixed the speaker’s name." }]',
  withdrawn: 'withdrawn: { date: 2021-09-01, reason: "The source retracted the interview." }',
  sharesDay: 'sharesDay: true',
};
