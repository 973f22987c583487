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
import { draftArticle, formatSection, kebabId, parseDateline, toMarkdown } from '../../src/tools/article-draft.ts';
import { applyGuesses, findReplacementChars, fixLigatures, joinWrappedLines, unwrapParagraphs } from '../../src/tools/clean-text.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
// The curator's PDF copy, as delivered with the project brief (a byte-for-byte copy of ../shared/seeds).
const seedPath = fileURLToPath(new URL('../fixtures/seeds/001_fd795551776f3598.txt', import.meta.url));
const seed = readFileSync(seedPath, 'utf8');

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

  it('reports each hyphen it kept at a line end', () => {
    expect(unwrapParagraphs(text)[1]?.keptHyphens).toEqual([{ line: 6, word: 'co-operative' }]);
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
    expect(draft.warnings).toHaveLength(2);
    expect(draft.warnings.join('\n')).toMatch(/publication[\s\S]*sourceUrl/);
    const given = draftArticle(seed, { publication: 'The Wall Street Journal', sourceUrl: 'https://www.wsj.com/' });
    expect(given.warnings).toEqual([]);
    expect(given.frontmatter.publication).toBe('The Wall Street Journal');
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
    expect(readFileSync(file, 'utf8')).toBe(toMarkdown(draftArticle(seed)));

    const again = run(seedPath, '--out', outDir);
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('already exists; pass --force');

    writeFileSync(file, 'stale');
    const forced = run(seedPath, '--out', outDir, '--force');
    expect(forced.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(toMarkdown(draftArticle(seed)));

    const named = run(seedPath, '--out', outDir, '--id', 'massoud-interview');
    expect(named.status).toBe(0);
    expect(readFileSync(join(outDir, 'massoud-interview.md'), 'utf8')).toContain('title: The Afghan Who Won’t Surrender');
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
