/**
 * The pure part of `npm run new-quote`: its arguments, the quote's id, its day, its
 * file, and what it tells the curator. scripts/new-quote.ts reads the content folder,
 * verifies the words and writes the file.
 */
import { stringify } from 'yaml';
import { parseCalendarDay, compareDays } from '../domain/dates.ts';
import { KEBAB_CASE } from '../content/schema.ts';

export const NEW_QUOTE_USAGE = `usage: npm run new-quote -- --speaker <person-id> [--source <article-id>] [options] "the words"

Verifies the words against the source article (as the build does), then writes
content/quotes/<id>.md on the next free day, from today in the site's time zone.

  --speaker <person-id>   who said it (a file of content/people/), required
  --source <article-id>   the article the words are in (a file of content/articles/)
  --curator <person-id>   who chose it and writes the commentary
  --date YYYY-MM-DD       its day as quote of the day, instead of the next free day
  --shares-day            let it share its day with another quote (sharesDay: true)
  --tags <id,id>          tags from content/tags.yaml, separated by commas
  --id <id>               the file name, instead of one made from the first words
  --help                  this text

The id becomes the quote's permanent URL, /quotes/<id>/: choose it before publishing,
never rename it after.`;

export interface NewQuoteOptions {
  text: string;
  speaker: string;
  source?: string | undefined;
  curator?: string | undefined;
  date?: string | undefined;
  id?: string | undefined;
  tags: string[];
  sharesDay: boolean;
}

export type NewQuoteArgs = { help: true } | { help: false; options: NewQuoteOptions } | { help: false; error: string };

const VALUE_OPTIONS = new Set(['speaker', 'source', 'curator', 'date', 'id', 'tags']);
const FLAGS = new Set(['help', 'shares-day']);

/** The command line read, or what is wrong with it (every problem, one per line). */
export function parseNewQuoteArgs(args: readonly string[]): NewQuoteArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const words: string[] = [];
  const errors: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (FLAGS.has(name)) flags.add(name);
    else if (VALUE_OPTIONS.has(name)) {
      const value = inline ?? args[index + 1];
      if (inline === undefined) index++;
      if (value === undefined || (inline === undefined && value.startsWith('--'))) errors.push(`--${name} needs a value`);
      else values.set(name, value.trim());
    } else errors.push(`--${name} is not an option of new-quote (see --help)`);
  }
  if (flags.has('help')) return { help: true };
  const text = words.join(' ').trim();
  const speaker = values.get('speaker');
  if (!speaker) errors.push('--speaker <person-id> is required');
  if (!text) errors.push('the words are missing: give them last, in quotes');
  const date = values.get('date');
  if (date !== undefined) {
    const checked = parseCalendarDay(date);
    if (!checked.ok) errors.push(`--date ${date}: ${checked.reason}`);
  }
  const id = values.get('id');
  if (id !== undefined && (!KEBAB_CASE.test(id) || /^\d+$/.test(id) || id === 'page')) {
    errors.push(`--id ${id}: an id is lower-case words joined by hyphens, not all digits and not "page" (it becomes /quotes/<id>/)`);
  }
  const tags = (values.get('tags') ?? '')
    .split(/[,\s]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);
  if (errors.length > 0 || !speaker) return { help: false, error: errors.join('\n') };
  return {
    help: false,
    options: {
      text,
      speaker,
      source: values.get('source'),
      curator: values.get('curator'),
      date,
      id,
      tags: [...new Set(tags)],
      sharesDay: flags.has('shares-day'),
    },
  };
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The first day on or after `from` that has no quote of the day yet. */
export function nextFreeDay(taken: ReadonlySet<string> | ReadonlyMap<string, unknown>, from: string): string {
  let day = from;
  while (taken.has(day)) day = nextDay(day);
  return day;
}

export interface ExistingQuote {
  path: string;
  date?: unknown;
  withdrawn?: unknown;
  sharesDay?: unknown;
}

/**
 * The days that hold a quote of the day, each with the file that holds it: a withdrawn
 * quote holds no day, nor does one that shares its day (`sharesDay: true`), as in the
 * build's rule (src/content/validate.ts).
 */
export function heldDays(quotes: readonly ExistingQuote[]): Map<string, string> {
  const held = new Map<string, string>();
  for (const quote of [...quotes].sort((a, b) => a.path.localeCompare(b.path))) {
    if (typeof quote.date !== 'string' || quote.withdrawn || quote.sharesDay === true) continue;
    if (!held.has(quote.date)) held.set(quote.date, quote.path);
  }
  return held;
}

/**
 * Words an id should not end on: articles, prepositions, conjunctions, pronouns and
 * auxiliaries leave a phrase hanging ("we-shall-fight-on-the").
 */
const TRAILING_STOP_WORDS = new Set(
  (
    'a an the of on in at to for with by from into onto upon about over under as than through without within between against after before during ' +
    'and or but nor so yet if that which what who whom whose when where why how while because ' +
    'my our your his her its their this these those i we you he she it they me us him them ' +
    'is are was were be been being am will shall would should can could may might must do does did have has had not no'
  ).split(' '),
);

/** How many words an id may take past the first `words` to end on a word that carries meaning. */
const EXTRA_WORDS = 2;
/** Ids made here stay short enough to read in a URL. */
const MAX_MADE_ID_LENGTH = 60;

/**
 * An id from the quote's first words, ending at a boundary of meaning: at the end of a
 * sentence when one ends within the first words ("Never give in. Never…" →
 * "never-give-in"); else at the end of a clause when one ends a word or two after the
 * first `words` ("We will never accept an imposed peace, and…" →
 * "we-will-never-accept-an-imposed-peace"); else after `words` words, going on past a
 * hanging word to the next word that carries meaning ("we-shall-fight-on-the-beaches"),
 * or, when none comes soon, dropping the hanging words. Unique among `taken`; never all digits (that is a year's
 * archive).
 */
export function quoteIdFromText(text: string, taken: ReadonlySet<string>, words = 5): string {
  const tokens = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .split(/\s+/)
    .map((token) => ({
      word: token.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''),
      endsSentence: /[.!?;:…]["”’)\]]*$/.test(token),
      endsClause: /[.!?;:…,—–)]["”’)\]]*$/.test(token),
    }))
    .filter((token) => token.word !== '');
  let count = Math.min(words, tokens.length);
  const sentenceEnd = tokens.findIndex((token, index) => token.endsSentence && index >= 2 && index < words);
  const clauseEnd = tokens.findIndex((token, index) => token.endsClause && index >= count - 1 && index < count + EXTRA_WORDS);
  if (sentenceEnd >= 0) count = sentenceEnd + 1;
  else if (clauseEnd >= 0) count = clauseEnd + 1;
  else {
    const hanging = (index: number) => TRAILING_STOP_WORDS.has(tokens[index]?.word ?? '');
    let end = count;
    while (end < Math.min(tokens.length, count + EXTRA_WORDS) && hanging(end - 1)) end++;
    if (!hanging(end - 1)) count = end;
    else {
      let trimmed = count;
      while (trimmed > 1 && hanging(trimmed - 1)) trimmed--;
      // Words that all hang ("It is what it is") stay as they are.
      if (trimmed >= 2) count = trimmed;
    }
  }
  let base = tokens
    .slice(0, count)
    .map((token) => token.word)
    .join('-');
  while (base.length > MAX_MADE_ID_LENGTH && base.includes('-')) base = base.slice(0, base.lastIndexOf('-'));
  base ||= 'quote';
  // All-digit ids would collide with the year archive /quotes/<yyyy>/.
  const safe = /^\d+$/.test(base) || base === 'page' ? `quote-${base}` : base;
  let id = safe;
  for (let n = 2; taken.has(id); n++) id = `${safe}-${n}`;
  return id;
}

export interface NewQuote {
  text: string;
  speaker: string;
  source?: string | undefined;
  date: string;
  curator?: string | undefined;
  tags?: readonly string[] | undefined;
  sharesDay?: boolean | undefined;
  commentary?: string | undefined;
}

/** The quote's file: the text double-quoted (it may hold `:` or `#`), ids and the day plain, as curators write them. */
export function quoteFileText(quote: NewQuote): string {
  const lines = [
    `text: ${stringify(quote.text, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trim()}`,
    `speaker: ${quote.speaker}`,
    ...(quote.source ? [`source: ${quote.source}`] : []),
    `date: ${quote.date}`,
    ...(quote.sharesDay ? ['sharesDay: true'] : []),
    ...(quote.curator ? [`curator: ${quote.curator}`] : []),
    ...(quote.tags && quote.tags.length > 0 ? [`tags: [${quote.tags.join(', ')}]`] : []),
  ];
  return `---\n${lines.join('\n')}\n---\n\n${quote.commentary ? `${quote.commentary.trim()}\n` : ''}`;
}

/** Why the quote cannot take `date`, naming the file that holds it, or undefined when it can. */
export function dayTaken(date: string, held: ReadonlyMap<string, string>, sharesDay: boolean): string | undefined {
  const holder = held.get(date);
  if (holder === undefined || sharesDay) return undefined;
  return (
    `${date} is already the day of ${holder}; there is one quote of the day per day.\n` +
    'Choose another --date, leave --date out for the next free day, or add --shares-day to make both quotes the quotes of that day.'
  );
}

export interface WrittenQuote {
  path: string;
  id: string;
  date: string;
  today: string;
  source?: string | undefined;
  /** The id was made from the words, not given with --id. */
  madeId: boolean;
  sharesWith?: string | undefined;
}

/** What the curator is told once the file is written: the day (and whether it is scheduled), and that the id is permanent. */
export function writtenReport(written: WrittenQuote): string {
  const lines = [`Wrote ${written.path}${written.source ? `, verified against ${written.source}` : ''}.`];
  const order = compareDays(written.date, written.today);
  const shared = written.sharesWith ? `, beside ${written.sharesWith} (sharesDay: true)` : '';
  if (order > 0) {
    lines.push(
      `Its day is ${written.date}${shared}, after today (${written.today}): the quote is scheduled. The first build on or after that day publishes it; until then \`npm run dev\` shows it as a draft.`,
    );
  } else if (order === 0) lines.push(`It is the quote of the day today, ${written.date}${shared}: the next build publishes it.`);
  else
    lines.push(
      `Its day is ${written.date}${shared}, before today (${written.today}): the next build publishes it in the archive of that day.`,
    );
  lines.push(
    `Its id, "${written.id}", is part of its permanent URL /quotes/${written.id}/.${written.madeId ? ' To choose another, rename the file (or run again with --id) now:' : ''} Never rename it once it is published.`,
  );
  return lines.join('\n');
}
