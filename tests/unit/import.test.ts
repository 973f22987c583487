import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import wordListPath from 'word-list';
import { validateContent, type SourceFile } from '../../src/content/validate.ts';
import {
  PUBLISHED_PLACEHOLDER,
  draftArticle,
  formatReport,
  formatSection,
  kebabId,
  parseDateline,
  renderDraft,
  toMarkdown,
} from '../../src/tools/article-draft.ts';
import {
  applyGuesses,
  findInvisibleChars,
  findReplacementChars,
  fixLigatures,
  hyphenResolver,
  joinSplitParagraphs,
  joinWrappedLines,
  repairCharacters,
  unwrapParagraphs,
} from '../../src/tools/clean-text.ts';
import { decideLineEndHyphen, textWords } from '../../src/tools/line-hyphens.ts';
import { findFurniture } from '../../src/tools/page-furniture.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
// The curator's PDF copy, as delivered with the project brief (a byte-for-byte copy of ../shared/seeds).
const seedPath = fileURLToPath(new URL('../fixtures/seeds/001_fd795551776f3598.txt', import.meta.url));
const seed = readFileSync(seedPath, 'utf8');
// The word list `npm run import` decides line-end hyphens with (the word-list package).
const words = new Set(
  readFileSync(wordListPath, 'utf8')
    .split('\n')
    .filter((word) => word !== ''),
);
const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url)), 'utf8');
const ARTICLE_FILE = 'content/articles/the-afghan-who-wont-surrender-to-the-taliban.md';

// The seed's elisions: three periods joined by no-break spaces.
const ELISION = '.\u00a0.\u00a0.';

function splitMarkdown(markdown: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(markdown);
  if (!match) throw new Error('no front matter block');
  return { data: parseYaml(match[1] ?? '') as Record<string, unknown>, body: match[2] ?? '' };
}

function paragraphsOf(markdownBody: string): { texts: string[]; nodeTypes: Set<string> } {
  const tree = unified().use(remarkParse).parse(markdownBody) as Root;
  const nodeTypes = new Set<string>();
  const visit = (node: { type: string; children?: unknown[] }): void => {
    nodeTypes.add(node.type);
    for (const child of node.children ?? []) visit(child as { type: string; children?: unknown[] });
  };
  visit(tree);
  return { texts: tree.children.map((node) => toString(node)), nodeTypes };
}

describe('fixLigatures and joinWrappedLines', () => {
  it('writes ligature code points as their letters', () => {
    expect(fixLigatures('\uFB01nal \uFB02ow sta\uFB00 o\uFB03ce ba\uFB04e \uFB05\uFB06')).toBe('final flow staff office baffle stst');
  });

  it('joins with one space, without one around an em dash, and keeps a line-end hyphen', () => {
    expect(joinWrappedLines('the young Mr.', 'Massoud’s words')).toBe('the young Mr. Massoud’s words');
    expect(joinWrappedLines('a shield against barbarism', '—not only')).toBe('a shield against barbarism—not only');
    expect(joinWrappedLines('the ANSF”—', 'the Afghan')).toBe('the ANSF”—the Afghan');
    expect(joinWrappedLines('They’re battle-', 'hardened.')).toBe('They’re battle-hardened.');
    expect(joinWrappedLines('in 1990 -', 'not a word break')).toBe('in 1990 - not a word break');
  });
});

describe('unwrapParagraphs', () => {
  const text = [
    'One full line of a paragraph that the PDF wrapped at about sixty columns',
    'and its second line, which ends a sentence and the whole paragraph.',
    '',
    'A second paragraph runs over a page break, so the next line of it',
    ' starts with a space and continues it, then it keeps going with a line',
    'that carries on with a co-',
    'operative word at the end of the paragraph here now.',
    '',
    'A photo caption, short.',
    ' A new paragraph starts after the caption though its first line has',
    'a leading space, because the caption interrupted the running text.',
  ].join('\n');

  it('joins wrapped lines and page-break lines, and sets a caption apart', () => {
    const paragraphs = unwrapParagraphs(text);
    expect(paragraphs.map((paragraph) => [paragraph.kind, paragraph.line])).toEqual([
      ['paragraph', 1],
      ['paragraph', 4],
      ['caption', 9],
      ['paragraph', 10],
    ]);
    expect(paragraphs[1]?.text).toBe(
      'A second paragraph runs over a page break, so the next line of it starts with a space and continues it, then it keeps going with a line that carries on with a co-operative word at the end of the paragraph here now.',
    );
    expect(paragraphs[3]?.text).toBe(
      'A new paragraph starts after the caption though its first line has a leading space, because the caption interrupted the running text.',
    );
  });

  it('reports each line-end hyphen, kept and undecided without a word list, decided with one', () => {
    expect(unwrapParagraphs(text)[1]?.hyphens).toEqual([
      { line: 6, word: 'co-operative', outcome: 'undecided', why: 'no word list was given' },
    ]);
    const resolveHyphen = hyphenResolver({ text: textWords(text), words });
    const decided = unwrapParagraphs(text, { resolveHyphen })[1];
    expect(decided?.hyphens).toEqual([{ line: 6, word: 'cooperative', outcome: 'removed', why: 'the word list has “cooperative”' }]);
    expect(decided?.text).toContain('carries on with a cooperative word');
  });

  it('reads CRLF line ends and collapses runs of spaces inside a paragraph', () => {
    expect(unwrapParagraphs('one  two\r\nthree\r\n\r\nfour').map((paragraph) => paragraph.text)).toEqual(['one two three', 'four']);
  });
});

describe('findReplacementChars and applyGuesses', () => {
  it('guesses a colon between digits', () => {
    const [finding] = findReplacementChars('Posted at 9\uFFFD30 am.');
    expect(finding).toMatchObject({ line: 1, column: 12, guess: ':', replacement: ':' });
  });

  it('prefers the word the text itself uses', () => {
    const text = 'The sta\uFFFD met. The staff left.';
    const [finding] = findReplacementChars(text);
    expect(finding?.guess).toBe('ff');
    expect(applyGuesses(text, findReplacementChars(text))).toBe('The staff met. The staff left.');
  });

  it('falls back on common words, and puts back only what the copy lost', () => {
    const [office] = findReplacementChars('She went to the o\uFFFDce.');
    expect(office).toMatchObject({ guess: 'ffi', replacement: 'ffi' });
    const [fighters] = findReplacementChars('Two \uFFFDighters.');
    expect(fighters).toMatchObject({ guess: 'fi', replacement: 'f' });
  });

  it('leaves a character it cannot place, and says so', () => {
    const text = 'a \uFFFD b and xq\uFFFDzv';
    const findings = findReplacementChars(text);
    expect(findings.map((finding) => finding.guess)).toEqual([null, null]);
    expect(applyGuesses(text, findings)).toBe(text);
  });
});

describe('parseDateline, kebabId, formatSection', () => {
  it('gives the zone’s offset on that day', () => {
    expect(parseDateline('Aug. 23, 2021 12:56 pm ET')).toEqual({
      published: '2021-08-23T12:56:00-04:00',
      timeZone: 'America/New_York',
      warnings: [],
    });
    expect(parseDateline('Jan. 5, 2022 9:07 am PT')?.published).toBe('2022-01-05T09:07:00-08:00');
    expect(parseDateline('March 13, 2022 12:05 a.m. CT')?.published).toBe('2022-03-13T00:05:00-06:00');
    expect(parseDateline('Sept. 1, 2021 3:00 pm MT')?.published).toBe('2021-09-01T15:00:00-06:00');
  });

  it('warns about a zone it does not know instead of guessing an offset', () => {
    const dateline = parseDateline('Aug. 23, 2021 12:56 pm BST');
    expect(dateline?.published).toBe('2021-08-23T12:56:00');
    expect(dateline?.timeZone).toBeUndefined();
    expect(dateline?.warnings[0]).toContain('"BST" is not one of ET, CT, MT, PT');
  });

  it('is not fooled by a sentence', () => {
    expect(parseDateline('So why talk?')).toBeUndefined();
    expect(parseDateline('Mr. Massoud, 2021')).toBeUndefined();
  });

  it('makes kebab-case ASCII ids', () => {
    expect(kebabId('Bernard-Henri Lévy')).toBe('bernard-henri-levy');
    expect(kebabId('The Afghan Who Won’t Surrender to the Taliban')).toBe('the-afghan-who-wont-surrender-to-the-taliban');
    expect(kebabId('Søren Kierkegaard')).toBe('soren-kierkegaard');
  });

  it('writes a shouted section in title case', () => {
    expect(formatSection(' OPINION |  COMMENTARY')).toBe('Opinion · Commentary');
    expect(formatSection('U.S. NEWS')).toBe('U.S. News');
  });
});

describe('draftArticle on the seed PDF copy', () => {
  const draft = draftArticle(seed);

  it('starts from the exact bytes of the copy', () => {
    expect(seed.match(/\uFFFD/g)).toHaveLength(2);
    expect(seed).toContain(' its height.');
  });

  it('finds the 11 paragraphs of the published article', () => {
    expect(draft.paragraphs.map((paragraph) => paragraph.split(' ').slice(0, 6).join(' '))).toEqual([
      'Ahmad Massoud is in a remote',
      'As Kabul fell to the Taliban',
      'I visited Mr. Massoud in Panjshir',
      'What about Taliban leader Sirajuddin Haqqani’s',
      'Mr. Massoud may seem an unlikely',
      'Rumors have also circulated that he',
      'So why talk? “Because, as any',
      'He also takes inspiration from Allied',
      'Does he fear an assault by',
      'He says Afghans are answering his',
      'Mr. Massoud’s fate is uncertain. I',
    ]);
  });

  it('joins every paragraph cleanly', () => {
    for (const paragraph of draft.paragraphs) {
      expect(paragraph).not.toMatch(/\uFFFD|[\uFB00-\uFB06]/);
      expect(paragraph).not.toContain('  ');
      expect(paragraph).toBe(paragraph.trim());
      expect(paragraph).not.toContain('\n');
    }
    expect(draft.paragraphs[10]).toContain('a shield against barbarism—not only for the Afghan people');
    expect(draft.paragraphs[4]).toContain('in the young Mr. Massoud’s words, that');
    expect(draft.paragraphs[5]).toContain('Even when the conflict was at its height. But giving up');
  });

  it('keeps the text of paragraphs 3, 5 and 11 word for word', () => {
    expect(draft.paragraphs[2]).toBe(
      'I visited Mr. Massoud in Panjshir last year and spoke with him by phone on Saturday. His voice was clear and resonant but choppy. I asked about rumors circulating in Europe and the U.S. that he was preparing to give up. “That’s propaganda,” he says. “Apparently, there are defeatists among you who mistake their wishes for realities. So, no. Make this known: There is no question of giving up the fight. Here in Panjshir, our resistance is just beginning.”',
    );
    expect(draft.paragraphs[4]).toBe(
      `Mr. Massoud may seem an unlikely warrior. “I love three things in this world,” he said last year: “books, gardens and the astronomy I learned ${ELISION} at King’s College London, which instilled in me the habit of looking each night at the sky and its constellations.” But he is determined to follow the example of his father, who taught him, in the young Mr. Massoud’s words, that “what makes a people strong, above and beyond any imbalance of forces, is the spirit of resistance. ${ELISION} You must believe with all your heart in your mission. And for me that mission is irrevocable, whatever the price. My father had that strength inside him. He never had any doubt. I will do my utmost to be worthy of his example, his resolve and his quiet courage.”`,
    );
    expect(draft.paragraphs[10]).toBe(
      'Mr. Massoud’s fate is uncertain. I was unable to reach him on Monday. Taliban units have been arriving at the mouths of the valleys of Panjshir, according to news reports. Rumors have circulated online that the Taliban gave him an ultimatum of a few hours before launching an assault. And there are questions about the solidity of his alliance with the former Vice President Amrullah Saleh, who still enjoys constitutional legitimacy. Still, his message to the West is one of determination and hope: “If we hold fast in the storm, the wind may shift, especially if we get aid and support.” From whom? “From anyone who is willing. From your country, in particular.” I joined him in April when he met in Paris with President Emmanuel Macron. “I was impressed by this young president, who admired my father and Gen. de Gaulle,” Mr. Massoud says. “I can’t imagine he will turn his back on us. He knows that the resistance in Panjshir is a shield against barbarism—not only for the Afghan people, but also for free people the world over.”',
    );
  });

  it('takes out the photo caption and the author’s note', () => {
    expect(draft.caption).toBe('Ahmad Massoud in Panjshir province, September 2020.');
    expect(draft.authorNote).toBe(
      'Mr. Lévy is author of “The Will to See: Dispatches From a World of Misery and Hope,” forthcoming in October.',
    );
  });

  it('reports the two lost characters where they are, with their guesses', () => {
    expect(draft.replacements.map(({ line, column, guess, replacement }) => ({ line, column, guess, replacement }))).toEqual([
      { line: 4, column: 80, guess: 'fi', replacement: 'f' },
      { line: 7, column: 17, guess: ':', replacement: ':' },
    ]);
    expect(draft.replacements[0]?.context).toContain('his \uFFFDighters hold out?');
    expect(findReplacementChars(seed)).toEqual(draft.replacements);
  });

  it('reads the header into front matter', () => {
    expect(draft.frontmatter).toEqual({
      title: 'The Afghan Who Won’t Surrender to the Taliban',
      dek: 'Ahmad Massoud leads the resistance in the province of Panjshir. Can he and his fighters hold out?',
      authors: ['bernard-henri-levy'],
      section: 'Opinion · Commentary',
      published: '2021-08-23T12:56:00-04:00',
      timeZone: 'America/New_York',
    });
    expect(draft.authorNames).toEqual(['Bernard-Henri Lévy']);
  });

  it('asks for what the copy does not hold, and nothing else', () => {
    expect(draft.checks.map((check) => check.at)).toEqual([
      { field: 'caption' },
      { field: 'authorNote' },
      { frontmatterEnd: true },
      { frontmatterEnd: true },
    ]);
    expect(draft.checks.map((check) => check.message).join('\n')).toMatch(/caption[\s\S]*authorNote[\s\S]*publication[\s\S]*sourceUrl/);
    const given = draftArticle(seed, { publication: 'The Wall Street Journal', sourceUrl: 'https://www.wsj.com/' });
    expect(given.checks.map((check) => check.at)).toEqual([{ field: 'caption' }, { field: 'authorNote' }]);
    expect(given.frontmatter.publication).toBe('The Wall Street Journal');
  });

  it('finds no furniture, no invisible character and no line-end hyphen in it', () => {
    expect(draft.removed).toEqual([]);
    expect(draft.invisibles).toEqual([]);
    expect(draft.hyphens).toEqual([]);
    expect(draft.joins).toEqual([]);
  });
});

describe('toMarkdown', () => {
  it('writes front matter and paragraphs that parse back to the same text', () => {
    const draft = draftArticle(seed, { publication: 'The Wall Street Journal' });
    const { data, body } = splitMarkdown(toMarkdown(draft));
    expect(data).toEqual({
      ...draft.frontmatter,
      caption: draft.caption,
      authorNote: draft.authorNote,
    });
    expect(paragraphsOf(body).texts).toEqual(draft.paragraphs);
    expect(toMarkdown(draft)).toContain('\npublished: "2021-08-23T12:56:00-04:00"\n');
  });

  it('escapes Markdown syntax so that text stays text', () => {
    const raw = [
      'NEWS | TESTS',
      '',
      'A Title With *Stars* and _Underscores_',
      'A dek: with a colon',
      '',
      'By Jane Doe and John O’Brien',
      'Jan. 5, 2022 9:07 am PT',
      '',
      '# This line is not a heading, and 2 * 3 * 4 is not emphasis.',
      '',
      '1. This is not a list item: it is the start of a paragraph',
      'that wraps.',
      '',
      '> Nor is this a quote; snake_case_name and __init__ stay as written,',
      'as do [brackets](http://example.com), <em>tags</em>, `ticks` and &amp; entities.',
      '',
      '* not a bullet, and a line that starts with a dash',
      '- continues the paragraph.',
    ].join('\n');
    const draft = draftArticle(raw);
    expect(draft.frontmatter).toMatchObject({
      title: 'A Title With *Stars* and _Underscores_',
      dek: 'A dek: with a colon',
      authors: ['jane-doe', 'john-obrien'],
      section: 'News · Tests',
      published: '2022-01-05T09:07:00-08:00',
      timeZone: 'America/Los_Angeles',
    });
    expect(draft.paragraphs).toEqual([
      '# This line is not a heading, and 2 * 3 * 4 is not emphasis.',
      '1. This is not a list item: it is the start of a paragraph that wraps.',
      '> Nor is this a quote; snake_case_name and __init__ stay as written, as do [brackets](http://example.com), <em>tags</em>, `ticks` and &amp; entities.',
      '* not a bullet, and a line that starts with a dash - continues the paragraph.',
    ]);

    const markdown = toMarkdown(draft);
    const { data, body } = splitMarkdown(markdown);
    expect(data.title).toBe('A Title With *Stars* and _Underscores_');
    expect(body).toMatch(/^\\# This line/m);
    expect(body).toMatch(/^1\\\. This is not/m);
    expect(body).toMatch(/^\\> Nor is this/m);
    const parsed = paragraphsOf(body);
    expect(parsed.texts).toEqual(draft.paragraphs);
    expect([...parsed.nodeTypes].sort()).toEqual(['paragraph', 'root', 'text']);
  });
});

describe('scripts/import-article.ts', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'qtd-import-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  const node = join(projectRoot, 'node_modules/.bin/node');
  const run = (...args: string[]) =>
    spawnSync(node, [join(projectRoot, 'scripts/import-article.ts'), ...args], { cwd: projectRoot, encoding: 'utf8' });

  it('writes the article, reports the repairs, and will not overwrite it', () => {
    const first = run(seedPath, '--out', outDir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('the-afghan-who-wont-surrender-to-the-taliban.md: 11 paragraphs');
    expect(first.stdout).toMatch(/line 4, column 80: .*�ighters.* → "fi"/);
    expect(first.stdout).toMatch(/line 7, column 17: .*12�56.* → ":"/);
    expect(first.stdout).toContain('caption');
    expect(first.stdout).toContain('authorNote');

    const file = join(outDir, 'the-afghan-who-wont-surrender-to-the-taliban.md');
    expect(readFileSync(file, 'utf8')).toBe(toMarkdown(draftArticle(seed, { words })));

    const again = run(seedPath, '--out', outDir);
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('already exists; pass --force');

    writeFileSync(file, 'stale');
    const forced = run(seedPath, '--out', outDir, '--force');
    expect(forced.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(toMarkdown(draftArticle(seed, { words })));

    const named = run(seedPath, '--out', outDir, '--id', 'massoud-interview');
    expect(named.status).toBe(0);
    expect(readFileSync(join(outDir, 'massoud-interview.md'), 'utf8')).toContain('title: The Afghan Who Won’t Surrender');
  });

  it('imports the PDF copy with the word list: the expected file and report', () => {
    const source = fileURLToPath(new URL('../fixtures/import/pdf-copy.txt', import.meta.url));
    const result = run(source, '--out', join(outDir, 'pdf'), '--publication', 'The Wall Street Journal');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const written = join(outDir, 'pdf', 'the-afghan-who-wont-surrender-to-the-taliban.md');
    expect(readFileSync(written, 'utf8')).toBe(fixture('pdf-copy.expected.md'));
    // The author exists in content/people/: the report is the fixture's, with the file where it was written.
    expect(result.stdout).toBe(fixture('pdf-copy.report.txt').replaceAll(ARTICLE_FILE, written));
  });

  it('fails with one line and no stack trace on bad input', () => {
    const missing = run(join(outDir, 'no-such-file.txt'), '--out', outDir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^import-article: cannot read .*no-such-file\.txt: ENOENT\n$/);
    const usage = run();
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/^import-article: usage: npm run import -- <file\.txt>.*\n$/);
  });
});

describe('decideLineEndHyphen', () => {
  const decide = (before: string, after: string, text = '') => decideLineEndHyphen(before, after, { text: textWords(text), words });

  it('removes the hyphen that only broke a word the word list knows', () => {
    expect(decide('free', 'dom')).toEqual({ word: 'freedom', outcome: 'removed', why: 'the word list has “freedom”' });
    expect(decide('resis', 'tance')).toMatchObject({ word: 'resistance', outcome: 'removed' });
  });

  it('keeps the hyphen of a compound whose parts are words and whose joined form is not', () => {
    expect(decide('self', 'determination')).toEqual({
      word: 'self-determination',
      outcome: 'kept',
      why: '“self” and “determination” are words, “selfdetermination” is not',
    });
    expect(decide('battle', 'hardened')).toMatchObject({ word: 'battle-hardened', outcome: 'kept' });
  });

  it('keeps it before a number or a capital, and after a hyphenated start', () => {
    expect(decide('pre', '2001')).toMatchObject({ word: 'pre-2001', outcome: 'kept', why: 'a number follows the hyphen' });
    expect(decide('anti', 'American')).toMatchObject({ word: 'anti-American', outcome: 'kept' });
    expect(decide('mother-in', 'law')).toMatchObject({ word: 'mother-in-law', outcome: 'kept' });
  });

  it('follows the text’s own spelling before the word list', () => {
    expect(decide('co', 'operative', 'a co-operative farm')).toMatchObject({
      word: 'co-operative',
      outcome: 'kept',
      why: 'the text writes “co-operative” elsewhere',
    });
    expect(decide('Sirajud', 'din', 'leader Sirajuddin Haqqani’s')).toMatchObject({ word: 'Sirajuddin', outcome: 'removed' });
    expect(decide('Afghan', 'istan’s', 'in Afghanistan they')).toMatchObject({ word: 'Afghanistan’s', outcome: 'removed' });
  });

  it('leaves undecided what nothing supports: a name, or no word list', () => {
    expect(decide('Amrul', 'lah')).toEqual({
      word: 'Amrul-lah',
      outcome: 'undecided',
      why: 'neither “amrullah” nor “amrul-lah” is in the word list or elsewhere in the text',
    });
    // "sand" and "hurst" are both in the list: a capital says the halves are a name, not two words.
    expect(decide('Sand', 'hurst')).toMatchObject({ word: 'Sand-hurst', outcome: 'undecided' });
    expect(decideLineEndHyphen('free', 'dom', { text: new Map() })).toMatchObject({ word: 'free-dom', outcome: 'undecided' });
  });
});

describe('findInvisibleChars and repairCharacters', () => {
  it('finds soft hyphens, zero-width spaces and joiners with line and column, and takes them out', () => {
    const text = 'dis\u00ADinformation\nthe ANSF\u201D\u200D\u2014the\nAfghan\u200B Panjshir';
    const found = findInvisibleChars(text);
    expect(found.map(({ line, column, codePoint, name, atLineEnd }) => ({ line, column, codePoint, name, atLineEnd }))).toEqual([
      { line: 1, column: 4, codePoint: 'U+00AD', name: 'soft hyphen', atLineEnd: false },
      { line: 2, column: 10, codePoint: 'U+200D', name: 'zero-width joiner', atLineEnd: false },
      { line: 3, column: 7, codePoint: 'U+200B', name: 'zero-width space', atLineEnd: false },
    ]);
    expect(found[0]?.context).toBe('dis[U+00AD]information');
    expect(repairCharacters(text, [], found)).toBe('disinformation\nthe ANSF\u201D\u2014the\nAfghan Panjshir');
  });

  it('keeps a soft hyphen at a line end as the mark where the word is joined', () => {
    const text = 'the sky and its con\u00AD\nstellations.';
    const found = findInvisibleChars(text);
    expect(found.map((finding) => finding.atLineEnd)).toEqual([true]);
    const [paragraph] = unwrapParagraphs(repairCharacters(text, [], found));
    expect(paragraph?.text).toBe('the sky and its constellations.');
    expect(paragraph?.hyphens).toEqual([
      { line: 1, word: 'constellations', outcome: 'soft', why: 'a soft hyphen (U+00AD) marked where the word was broken' },
    ]);
  });

  it('leaves the joiners Persian and emoji need', () => {
    expect(findInvisibleChars('می\u200Cخواهم and 👩\u200D👩\u200D👧')).toEqual([]);
  });

  it('applies guesses and removals made on the same input together', () => {
    const text = 'his \uFFFDighters\u200B hold out';
    expect(repairCharacters(text, findReplacementChars(text), findInvisibleChars(text))).toBe('his fighters hold out');
  });
});

describe('findFurniture', () => {
  const kinds = (lines: string[]) => findFurniture(lines).removed.map(({ line, kind }) => [line, kind]);

  it('finds page numbers and the running header repeated at the edge of each page', () => {
    const lines = [
      'THE DAILY PAPER    Page 1 of 3',
      'A first page of text that ends in the middle of a sentence',
      '3',
      '\fTHE DAILY PAPER    Page 2 of 3',
      'and a second page whose text says',
      'the same words as the header',
      'THE DAILY PAPER    Page 2 of 3',
      'in the middle of the page, where',
      'it is text and stays in it',
      'to the end.',
      '\fTHE DAILY PAPER    Page 3 of 3',
      'The end.',
    ];
    expect(kinds(lines)).toEqual([
      [1, 'running header'],
      [3, 'page number'],
      [4, 'running header'],
      [11, 'running header'],
    ]);
    expect(findFurniture(lines).pageStarts).toEqual([4, 11]);
  });

  it('finds a page number a PDF viewer’s copy leaves inside a paragraph, which then runs on across it', () => {
    const lines = ['the spirit of collaboration with the', '12', 'Taliban is spreading among the vanquished.'];
    expect(kinds(lines)).toEqual([[2, 'page number']]);
    const sources = lines.map((text, index) => ({ text, line: index + 1, ...(index === 1 ? { removed: 'page' as const } : {}) }));
    expect(unwrapParagraphs(sources).map((paragraph) => paragraph.text)).toEqual([
      'the spirit of collaboration with the Taliban is spreading among the vanquished.',
    ]);
  });

  it('finds the furniture of a web page: skip link, menu, advertisement, share bar, newsletter box, credit, copyright', () => {
    const lines = [
      'Skip to Main Content',
      'World',
      'U.S.',
      'Politics',
      'Sign In',
      '',
      'Share  Tweet  Email',
      'Advertisement - Scroll to Continue',
      'PHOTO: AGENCE FRANCE-PRESSE/GETTY IMAGES',
      'Newsletter Sign-up',
      'All the day’s headlines.',
      'Subscribe',
      'Always.',
      '',
      'Copyright ©2021 Dow Jones & Company, Inc. All Rights Reserved',
      'We use cookies to improve this site. Accept all cookies to continue.',
    ];
    expect(kinds(lines)).toEqual([
      [1, 'skip link'],
      [2, 'navigation menu'],
      [3, 'navigation menu'],
      [4, 'navigation menu'],
      [5, 'site button'],
      [7, 'share bar'],
      [8, 'advertisement'],
      [9, 'photo credit'],
      [10, 'newsletter box'],
      [11, 'newsletter box'],
      [12, 'newsletter box'],
      [15, 'copyright line'],
      [16, 'cookie notice'],
    ]);
  });

  it('leaves text alone: short lines that are sentences, a number inside a paragraph, one page', () => {
    const lines = ['He said it twice.', 'Always.', 'Never.', 'Not once.', '', 'The war ended in', '1945.', 'THE END'];
    expect(kinds(lines)).toEqual([]);
  });
});

describe('joinSplitParagraphs', () => {
  const paragraph = (text: string, line: number, afterFurniture?: 'page break' | 'other') => ({
    text,
    line,
    lastLine: line,
    kind: 'paragraph' as const,
    hyphens: [],
    ...(afterFurniture ? { afterFurniture } : {}),
  });

  it('joins a paragraph that a page break split mid-sentence, the second part in lower case', () => {
    const { paragraphs, joins } = joinSplitParagraphs([
      paragraph('Even when the conflict was', 10),
      paragraph('at its height.', 14, 'page break'),
    ]);
    expect(paragraphs.map((entry) => [entry.text, entry.line, entry.lastLine])).toEqual([
      ['Even when the conflict was at its height.', 10, 14],
    ]);
    expect(joins).toEqual([{ fromLine: 10, toLine: 14, across: 'page break', end: 'when the conflict was', start: 'at its height.' }]);
  });

  it('decides a hyphen at the split', () => {
    const resolve = hyphenResolver({ text: new Map(), words });
    const { paragraphs } = joinSplitParagraphs(
      [paragraph('justice and free-', 3), paragraph('dom. No surrender.', 7, 'page break')],
      resolve,
    );
    expect(paragraphs[0]?.text).toBe('justice and freedom. No surrender.');
    expect(paragraphs[0]?.hyphens).toEqual([{ line: 3, word: 'freedom', outcome: 'removed', why: 'the word list has “freedom”' }]);
  });

  it('leaves paragraphs apart after a sentence’s end, before a capital, or without furniture between them', () => {
    const apart = [
      [paragraph('It ended.', 1), paragraph('and went on', 3, 'page break')],
      [paragraph('A heading without a stop', 1), paragraph('The text', 3, 'page break')],
      [paragraph('a line without a stop', 1), paragraph('and a new paragraph', 3)],
    ];
    for (const pair of apart) expect(joinSplitParagraphs(pair).joins).toEqual([]);
  });
});

describe('the PDF copy (tests/fixtures/import/pdf-copy.txt)', () => {
  const raw = fixture('pdf-copy.txt');
  const draft = draftArticle(raw, { words, publication: 'The Wall Street Journal' });
  const rendered = renderDraft(draft);
  const seedDraft = draftArticle(seed);

  it('is a pdftotext copy of the seed: form feeds, running headers, page numbers, hyphens', () => {
    expect(raw.match(/\f/g)).toHaveLength(4);
    expect(raw).toContain('\nPage 3 of 4\n\fTHE WALL STREET JOURNAL');
    expect(raw).toContain('son and suc-\ncessor');
    expect(raw).toContain('con\u00AD\nstellations');
  });

  it('writes the expected Markdown', () => {
    expect(rendered.markdown).toBe(fixture('pdf-copy.expected.md'));
  });

  it('leaves out each running header and page number, and says so by line', () => {
    expect(draft.removed.map(({ line, kind }) => [line, kind])).toEqual([
      [1, 'running header'],
      [23, 'page number'],
      [24, 'running header'],
      [53, 'page number'],
      [54, 'running header'],
      [96, 'page number'],
      [97, 'running header'],
      [110, 'page number'],
    ]);
    const lines = raw.split('\n');
    for (const entry of draft.removed) expect(lines[entry.line - 1]?.replace(/\f/g, '').replace(/\s+/g, ' ')).toBe(entry.text);
  });

  it('never takes the running header for the title', () => {
    expect(draft.frontmatter.title).toBe('The Afghan Who Won’t Surrender to the Taliban');
    expect(draft.frontmatter.section).toBe('Opinion · Commentary');
  });

  it('joins the paragraph split across pages 2 and 3, and asks about the break after a full sentence', () => {
    expect(draft.joins).toEqual([
      { fromLine: 51, toLine: 56, across: 'page break', end: 'when the conflict was', start: 'at its height. But', paragraph: 5 },
    ]);
    expect(draft.paragraphs[5]).toBe(seedDraft.paragraphs[5]);
    const pageBreakCheck = draft.checks.find((check) => check.message.startsWith('a page break'));
    expect(pageBreakCheck?.at).toEqual({ paragraph: 11 });
    expect(draft.paragraphs[11]?.startsWith('Still, his message')).toBe(true);
  });

  it('resolves line-end hyphens with the text and the word list, and lists the one it cannot', () => {
    expect(draft.hyphens.map(({ line, word, outcome }) => [line, word, outcome])).toEqual([
      [11, 'successor', 'removed'],
      [15, 'resistance', 'removed'],
      [35, 'freedom', 'removed'],
      [41, 'constellations', 'soft'],
      [78, 'pre-2001', 'kept'],
      [85, 'battle-hardened', 'kept'],
      [93, 'Amrul-lah', 'undecided'],
    ]);
    const undecided = draft.checks.filter((check) => check.message.includes('Amrul-lah'));
    expect(undecided).toHaveLength(1);
    expect(rendered.markdown.split('\n')[rendered.lineOf(undecided[0]?.at ?? { paragraph: -1 }) - 1]).toContain(
      'former Vice President Amrul-lah Saleh',
    );
  });

  it('keeps every other paragraph of the seed word for word', () => {
    expect(draft.paragraphs.slice(0, 10)).toEqual(seedDraft.paragraphs.slice(0, 10));
    expect(`${draft.paragraphs[10]} ${draft.paragraphs[11]}`).toBe(seedDraft.paragraphs[10]?.replace('Amrullah', 'Amrul-lah'));
    expect(draft.caption).toBe(seedDraft.caption);
    expect(draft.authorNote).toBe(seedDraft.authorNote);
  });

  it('reports every removal and repair by line of the copy, every check by line of the Markdown', () => {
    const report = formatReport(draft, rendered, {
      file: ARTICLE_FILE,
      id: 'the-afghan-who-wont-surrender-to-the-taliban',
      missingAuthors: [],
    });
    expect(report).toBe(fixture('pdf-copy.report.txt'));
    for (const entry of draft.removed) expect(report).toContain(`  line ${entry.line}: ${entry.kind}: "${entry.text}"`);
  });
});

describe('the web page copy (tests/fixtures/import/web-copy.txt)', () => {
  const raw = fixture('web-copy.txt');
  const draft = draftArticle(raw, { words });
  const rendered = renderDraft(draft);

  it('writes the expected Markdown: the seed’s article, nothing of the page around it', () => {
    expect(rendered.markdown).toBe(fixture('web-copy.expected.md'));
    const seedDraft = draftArticle(seed);
    expect(draft.paragraphs).toEqual(seedDraft.paragraphs);
    expect(draft.caption).toBe(seedDraft.caption);
    expect(draft.authorNote).toBe(seedDraft.authorNote);
    expect(draft.frontmatter).toEqual(seedDraft.frontmatter);
  });

  it('leaves out each piece of furniture, and says so by line', () => {
    const byKind = new Map<string, number[]>();
    for (const entry of draft.removed) byKind.set(entry.kind, [...(byKind.get(entry.kind) ?? []), entry.line]);
    expect(Object.fromEntries(byKind)).toEqual({
      'skip link': [1, 2, 3],
      'navigation menu': [4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 87, 88, 89, 90, 91],
      'site button': [5, 19, 20, 21, 30, 36, 43, 83, 85],
      'cookie notice': [23, 24, 25],
      masthead: [27],
      'share bar': [39, 40, 41, 42],
      'photo credit': [50],
      advertisement: [54, 69],
      'newsletter box': [60, 61, 62, 63],
      'print-edition note': [81],
      'copyright line': [93],
    });
    const report = formatReport(draft, rendered, {
      file: ARTICLE_FILE,
      id: 'the-afghan-who-wont-surrender-to-the-taliban',
      missingAuthors: [],
    });
    expect(report).toBe(fixture('web-copy.report.txt'));
    for (const entry of draft.removed) expect(report).toContain(`  line ${entry.line}: ${entry.kind}: "`);
  });

  it('takes the title below the masthead and the menu, and offers the masthead as the publication', () => {
    expect(draft.frontmatter.title).toBe('The Afghan Who Won’t Surrender to the Taliban');
    expect(draft.checks.find((check) => check.message.startsWith('publication'))?.message).toContain(
      'masthead reads "THE WALL STREET JOURNAL."',
    );
  });

  it('takes out the zero-width characters and soft hyphens, and reports each', () => {
    expect(draft.invisibles.map(({ line, column, name }) => [line, column, name])).toEqual([
      [45, 51, 'zero-width space'],
      [56, 117, 'soft hyphen'],
      [56, 123, 'soft hyphen'],
      [75, 167, 'zero-width joiner'],
    ]);
    expect(rendered.markdown).not.toMatch(/[\u00AD\u200B\u200D]/);
  });
});

describe('the checks point at lines of the written Markdown', () => {
  it('names a line that holds the field or paragraph each check is about', () => {
    for (const name of ['pdf-copy.txt', 'web-copy.txt']) {
      const draft = draftArticle(fixture(name), { words });
      const rendered = renderDraft(draft);
      const lines = rendered.markdown.split('\n');
      for (const check of draft.checks) {
        const at = check.at;
        if (!at) continue;
        const line = lines[rendered.lineOf(at) - 1] ?? '';
        if ('field' in at) expect(line.startsWith(`${at.field}:`)).toBe(true);
        else if ('paragraph' in at) expect(line.startsWith((draft.paragraphs[at.paragraph] ?? '?').slice(0, 30))).toBe(true);
        else expect(line).toBe('---');
      }
    }
  });
});

describe('the published placeholder', () => {
  // The copy without its dateline: nothing tells when the article was published.
  const undated = fixture('web-copy.txt').replace('Aug. 23, 2021 12:56 pm ET\n', '');
  const draft = draftArticle(undated, { words, publication: 'The Wall Street Journal' });
  const markdown = toMarkdown(draft);
  const author: SourceFile = {
    path: 'content/people/bernard-henri-levy.md',
    collection: 'people',
    text: '---\nname: Bernard-Henri Lévy\n---\n',
  };
  const check = (text: string) =>
    validateContent([author, { path: ARTICLE_FILE, collection: 'articles', text }], {
      siteTimeZone: 'America/New_York',
      allowSeveralQuotesPerDay: false,
    }).issues;

  it('is written and pointed at', () => {
    expect(draft.frontmatter.published).toBe(PUBLISHED_PLACEHOLDER);
    expect(markdown).toContain(`\npublished: "${PUBLISHED_PLACEHOLDER}"\n`);
    const at = draft.checks.find((entry) => entry.message.startsWith('no dateline'))?.at;
    expect(at).toEqual({ field: 'published' });
  });

  it('stops the build with a message that says what to write, until it is filled', () => {
    const issues = check(markdown);
    expect(issues).toHaveLength(1);
    expect(renderDraft(draft).lineOf({ field: 'published' })).toBe(7);
    expect(issues[0]).toMatchObject({ file: ARTICLE_FILE, field: 'published', line: 7 });
    expect(issues[0]?.message).toBe(`"${PUBLISHED_PLACEHOLDER}" is not a datetime with an offset, like 2021-08-23T12:56:00-04:00.`);
    expect(issues[0]?.fix).toBe('write it like `published: 2021-08-23T12:56:00-04:00`.');
    expect(check(markdown.replace(`"${PUBLISHED_PLACEHOLDER}"`, '2021-08-23T12:56:00-04:00'))).toEqual([]);
  });

  it('keeps a dateline’s local time and asks for the offset when the zone is unknown', () => {
    const london = draftArticle(fixture('web-copy.txt').replace('Aug. 23, 2021 12:56 pm ET', 'Aug. 23, 2021 12:56 pm BST'), { words });
    expect(london.frontmatter.published).toBe('2021-08-23T12:56:00 FILL IN: add the UTC offset at the end, like 2021-08-23T12:56:00-04:00');
    expect(london.frontmatter.timeZone).toBeUndefined();
    const [issue] = check(toMarkdown(london));
    expect(issue?.field).toBe('published');
    expect(issue?.message).toContain('is not a datetime with an offset');
  });
});
