/**
 * `npm run rename-tag`: the edits of src/tools/tag-rename.ts change the tag's values and
 * nothing else of a file, and the script renames a tag across a content folder so that
 * the content check then passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renameTagInContentFile, renameTagInRegistry, type Rewrite } from '../../src/tools/tag-rename.ts';
import { readAndValidate } from '../../src/content/content-pass.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

function rewritten(result: Rewrite | 'unreadable' | undefined): Rewrite {
  if (result === undefined || result === 'unreadable') throw new Error(`expected a rewrite, got ${String(result)}`);
  return result;
}

describe('a content file', () => {
  const BODY = '\nThe commentary names defiance twice: defiance.\n';

  it('gets the new id in a flow list, every other byte kept', () => {
    const source = `---\ntext: "Defiance, said he"   # a comment\nspeaker: ada\ndate: 2021-08-23\ntags: [afghanistan,  defiance ] # kept\n---\n${BODY}`;
    const result = rewritten(renameTagInContentFile(source, 'defiance', 'resistance'));
    expect(result.text).toBe(source.replace('defiance ]', 'resistance ]'));
    expect(result.changes).toEqual([
      { line: 5, before: ['tags: [afghanistan,  defiance ] # kept'], after: ['tags: [afghanistan,  resistance ] # kept'] },
    ]);
  });

  it('gets the new id in a block list, with CRLF line ends and a byte-order mark kept', () => {
    const source = '\uFEFF---\r\ntext: Words\r\ntags:\r\n  - afghanistan\r\n  - "defiance"\r\n---\r\nBody defiance\r\n';
    const result = rewritten(renameTagInContentFile(source, 'defiance', 'resistance'));
    expect(result.text).toBe(source.replace('"defiance"', '"resistance"'));
    expect(result.changes).toEqual([{ line: 5, before: ['  - "defiance"'], after: ['  - "resistance"'] }]);
  });

  it('drops the old id when the list holds the new one already', () => {
    const flow = '---\ntags: [resistance, defiance, war]\n---\n';
    expect(rewritten(renameTagInContentFile(flow, 'defiance', 'resistance')).text).toBe('---\ntags: [resistance, war]\n---\n');
    const last = '---\ntags: [resistance, defiance]\n---\n';
    expect(rewritten(renameTagInContentFile(last, 'defiance', 'resistance')).text).toBe('---\ntags: [resistance]\n---\n');
    const block = '---\ntags:\n  - resistance\n  - defiance\ndate: 2021-08-23\n---\n';
    const result = rewritten(renameTagInContentFile(block, 'defiance', 'resistance'));
    expect(result.text).toBe('---\ntags:\n  - resistance\ndate: 2021-08-23\n---\n');
    expect(result.changes).toEqual([{ line: 4, before: ['  - defiance'], after: [] }]);
  });

  it('quotes a new id that YAML would read as something else', () => {
    expect(rewritten(renameTagInContentFile('---\ntags: [old]\n---\n', 'old', '2021')).text).toBe('---\ntags: ["2021"]\n---\n');
  });

  it('leaves a file alone when its tags do not hold the old id, and says when it cannot read it', () => {
    expect(renameTagInContentFile('---\ntext: defiance\ntags: [war]\n---\ndefiance\n', 'defiance', 'resistance')).toBeUndefined();
    expect(renameTagInContentFile('---\ntext: a: b\ntags: [defiance]\n---\n', 'defiance', 'resistance')).toBe('unreadable');
    expect(renameTagInContentFile('no front matter, defiance', 'defiance', 'resistance')).toBe('unreadable');
  });
});

describe('the tag registry', () => {
  it('renames the entry and keeps the old id under renamedFrom, as a new line indented as its keys', () => {
    const source =
      '# Tags\n- id: afghanistan\n  name: Afghanistan\n- id: defiance\n  name: Defiance   # the name\n  description: On defiance.\n- id: war\n  name: War\n';
    const result = renameTagInRegistry(source, 'defiance', 'resistance');
    expect(result.kind).toBe('rename');
    if (result.kind !== 'rename') return;
    expect(result.rewrite.text).toBe(
      source
        .replace('- id: defiance', '- id: resistance')
        .replace('  description: On defiance.\n', '  description: On defiance.\n  renamedFrom: [defiance]\n'),
    );
    expect(result.rewrite.changes).toEqual([
      { line: 4, before: ['- id: defiance'], after: ['- id: resistance'] },
      { line: 6, before: ['  description: On defiance.'], after: ['  description: On defiance.', '  renamedFrom: [defiance]'] },
    ]);
  });

  it('adds the old id to a renamedFrom that exists, flow or block, and at the end of the file', () => {
    const flow = renameTagInRegistry('- id: defiance\n  name: Defiance\n  renamedFrom: [resisting]\n', 'defiance', 'resistance');
    expect(flow.kind === 'rename' && flow.rewrite.text).toBe('- id: resistance\n  name: Defiance\n  renamedFrom: [resisting, defiance]\n');
    const block = renameTagInRegistry('- id: defiance\n  renamedFrom:\n    - resisting\n  name: Defiance', 'defiance', 'resistance');
    expect(block.kind === 'rename' && block.rewrite.text).toBe(
      '- id: resistance\n  renamedFrom:\n    - resisting\n    - defiance\n  name: Defiance',
    );
    const noNewline = renameTagInRegistry('- id: defiance\n  name: Defiance', 'defiance', 'resistance');
    expect(noNewline.kind === 'rename' && noNewline.rewrite.text).toBe('- id: resistance\n  name: Defiance\n  renamedFrom: [defiance]\n');
  });

  it('changes nothing once renamed, and refuses what it cannot decide', () => {
    expect(renameTagInRegistry('- id: resistance\n  name: R\n  renamedFrom: [defiance]\n', 'defiance', 'resistance')).toEqual({
      kind: 'renamed',
    });
    expect(renameTagInRegistry('- id: resistance\n  name: R\n', 'defiance', 'resistance')).toEqual({ kind: 'new-only' });
    expect(renameTagInRegistry('- id: resistance\n  name: R\n- id: defiance\n  name: D\n', 'defiance', 'resistance')).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('to merge them, delete the entry of "defiance"'),
    });
    expect(renameTagInRegistry('- id: war\n  name: W\n', 'defiance', 'resistance')).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('lists neither'),
    });
    expect(renameTagInRegistry('- id: war\n  name: W: x\n', 'defiance', 'resistance')).toMatchObject({ kind: 'refused' });
  });
});

describe('npm run rename-tag on a content folder', () => {
  let root: string;
  const content = () => join(root, 'content');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(projectRoot, 'scripts/rename-tag.ts'), ...args], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: content() },
    });
  const read = (path: string) => readFileSync(join(content(), path), 'utf8');
  const FILES: Record<string, string> = {
    'people/ada.md': '---\nname: Ada Writer\n---\n',
    'articles/flood.md':
      '---\ntitle: The Flood\nauthors: [ada]\npublished: 2024-05-06T10:00:00-04:00\ntags: [defiance]\n---\n\nThe river rose.\n',
    'quotes/one.md':
      '---\ntext: "The river rose"\nspeaker: ada\nsource: flood\ndate: 2024-05-07\ntags:\n  - defiance   # why\n---\n\nOn defiance.\n',
    'quotes/two.md':
      '---\ntext: "The river rose"\nspeaker: ada\ndate: 2024-05-08\ncontext: Said twice\ntags: [war]\n---\n\nNot defiance.\n',
    'tags.yaml': '- id: defiance\n  name: Defiance\n- id: war\n  name: War\n',
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'qtd-rename-tag-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(content(), path)), { recursive: true });
      writeFileSync(join(content(), path), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists the lines it would change with --dry-run, and writes nothing', () => {
    const result = run('defiance', 'resistance', '--dry-run');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('articles/flood.md:5\n  was: tags: [defiance]\n  now: tags: [resistance]\n');
    expect(result.stdout).toContain('tags.yaml:2\n  was:   name: Defiance\n  now:   name: Defiance\n  now:   renamedFrom: [defiance]\n');
    expect(result.stdout).toContain('Would change 3 files: "defiance" → "resistance"');
    for (const [path, text] of Object.entries(FILES)) expect(read(path)).toBe(text);
  });

  it('renames the tag in the registry and in every file, and the content check passes', async () => {
    const result = run('defiance', 'resistance');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      'Changed 3 files: "defiance" → "resistance"; content/tags.yaml keeps "defiance" under renamedFrom, so /tags/defiance/ redirects to /tags/resistance/.',
    );
    expect(read('tags.yaml')).toBe('- id: resistance\n  name: Defiance\n  renamedFrom: [defiance]\n- id: war\n  name: War\n');
    expect(read('quotes/one.md')).toBe(FILES['quotes/one.md']?.replace('  - defiance   # why', '  - resistance   # why'));
    expect(read('quotes/two.md')).toBe(FILES['quotes/two.md']);
    expect(read('articles/flood.md')).toBe(FILES['articles/flood.md']?.replace('[defiance]', '[resistance]'));
    const { issues } = await readAndValidate(projectRoot, content(), { siteTimeZone: 'America/New_York', allowSeveralQuotesPerDay: false });
    expect(issues).toEqual([]);
    expect(run('defiance', 'resistance').stdout).toBe(
      'No file uses the tag "defiance", and content/tags.yaml already lists it under renamedFrom of "resistance": nothing to change.\n',
    );
  });

  it('refuses ids that cannot be tags', () => {
    const result = run('Defiance', 'resistance');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('rename-tag: "Defiance" is not a tag id: ids are lower-case words joined by hyphens.\n');
  });
});
