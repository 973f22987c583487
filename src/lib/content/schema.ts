/**
 * The content contract in code (DESIGN.md, "Content contract"). One definition,
 * used twice: by `src/content.config.ts` with Astro's `reference()`, and by the
 * build's own content check (`validate.ts`) with plain ids, so that both read
 * the same rules.
 */
import { z } from 'astro/zod';
import { calendarDayOfYamlDate, isValidTimeZone, parseCalendarDay, parseDateTime } from '../dates.ts';

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

/** A calendar day, `2021-08-23`. Astro's js-yaml hands unquoted days over as Date objects. */
export const calendarDay = z.union([z.string(), z.date()]).transform((value, ctx) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a real calendar day' });
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

/** A datetime with its offset, `2021-08-23T12:56:00-04:00`, kept as the instant it names. */
export const dateTime = z.union([z.string(), z.date()]).transform((value, ctx) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date and time' });
      return z.NEVER;
    }
    return value;
  }
  const parsed = parseDateTime(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return new Date(parsed.value.epochMs);
});

const text = (what: string) => z.string({ error: `must be text: ${what}` }).trim().min(1, `must not be empty: ${what}`);

const webUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}, 'must be a full web address starting with https:// (or http://)');

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

export function articleSchema(ref: RefFactory) {
  return z.strictObject({
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
    /** Caption of the lead photo (the photo itself may be absent). */
    caption: text('the photo caption').optional(),
    /** Note about the author as printed with the article. */
    authorNote: text('the note about the author').optional(),
    rights: text('the rights or permission note').optional(),
    display: z.enum(['full', 'excerpt'], { error: 'must be `full` or `excerpt`' }).default('full'),
    corrections,
    tags: z.array(tagId).default([]),
  });
}

export function quoteSchema(ref: RefFactory) {
  return z.strictObject({
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
    corrections,
    withdrawn: z.strictObject({ date: calendarDay, reason: text('why it was withdrawn') }).optional(),
  });
}

export const tagRegistrySchema = z.array(
  z.strictObject({
    id: z.string().regex(KEBAB_CASE, 'must be kebab-case (it is part of a URL)'),
    name: text('the tag’s name'),
    description: text('one line about the tag').optional(),
    /** Former ids of this tag, kept as redirects to its page. */
    renamedFrom: z.array(z.string().regex(KEBAB_CASE)).default([]),
  }),
);

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
  display: 'display: excerpt',
  corrections: 'corrections: [{ date: 2021-08-24, note: "Fixed the speaker’s name." }]',
  withdrawn: 'withdrawn: { date: 2021-09-01, reason: "The source retracted the interview." }',
};
