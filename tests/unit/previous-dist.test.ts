import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteInBackground, isSetAsideName, isWithin, setAsideName, setAsidePreviousOutput } from '../../src/build/previous-dist.ts';

let root = '';

function fill(dir: string, files: number): void {
  mkdirSync(join(dir, 'quotes', 'a'), { recursive: true });
  for (let i = 0; i < files; i++) writeFileSync(join(dir, 'quotes', 'a', `${i}.html`), `<p>${i}</p>`);
  writeFileSync(join(dir, 'index.html'), '<p>home</p>');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'qtd-previous-output-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('set-aside names', () => {
  it('are recognised, and nothing else is', () => {
    expect(isSetAsideName(setAsideName(1234, 1_764_000_000_000))).toBe(true);
    expect(isSetAsideName('previous-output-1234')).toBe(false);
    expect(isSetAsideName('qtd-cards')).toBe(false);
    expect(isSetAsideName('previous-output-12-34/..')).toBe(false);
  });
});

describe('setAsidePreviousOutput', () => {
  it('moves the output folder away at once and deletes it in the background', async () => {
    const outDir = join(root, 'dist');
    const holding = join(root, 'cache', 'qtd-previous-output');
    fill(outDir, 50);
    const result = setAsidePreviousOutput(outDir, holding, 42);
    expect(result.outcome).toBe('moved');
    expect(existsSync(outDir)).toBe(false);
    expect(result.movedTo).toBe(join(holding, setAsideName(process.pid, 42)));
    await result.deleted;
    expect(readdirSync(holding)).toEqual([]);
  });

  it('deletes what interrupted builds left, and nothing else in the holding folder', async () => {
    const outDir = join(root, 'dist');
    const holding = join(root, 'holding');
    fill(join(holding, setAsideName(1, 1)), 3);
    fill(join(root, `.dist-${setAsideName(2, 2)}`), 3);
    mkdirSync(join(holding, 'keep-me'), { recursive: true });
    const result = setAsidePreviousOutput(outDir, holding);
    expect(result.outcome).toBe('none');
    expect(result.deleting).toHaveLength(2);
    await result.deleted;
    expect(readdirSync(holding)).toEqual(['keep-me']);
    expect(readdirSync(root).sort()).toEqual(['holding']);
  });

  it('empties a symbolic link’s target in place, as Astro does, instead of moving the link', async () => {
    const target = join(root, 'real-dist');
    fill(target, 2);
    const outDir = join(root, 'dist');
    symlinkSync(target, outDir);
    const result = setAsidePreviousOutput(outDir, join(root, 'holding'));
    expect(result.outcome).toBe('emptied');
    expect(existsSync(outDir)).toBe(true);
    expect(readdirSync(target)).toEqual([]);
    await result.deleted;
  });

  it('never moves the output into itself: a holding folder inside it gives way to a sibling', async () => {
    const outDir = join(root, 'dist');
    fill(outDir, 2);
    const result = setAsidePreviousOutput(outDir, join(outDir, 'holding'), 7);
    expect(result.outcome).toBe('moved');
    expect(result.movedTo).toBe(join(root, `.dist-${setAsideName(process.pid, 7)}`));
    await result.deleted;
    expect(readdirSync(root)).toEqual([]);
  });

  it('has nothing to do without an output folder', async () => {
    const result = setAsidePreviousOutput(join(root, 'dist'), join(root, 'holding'));
    expect(result).toMatchObject({ outcome: 'none', deleting: [] });
    await result.deleted;
  });
});

describe('isWithin', () => {
  it('tells a folder and what is inside it from its neighbours and parents', () => {
    expect(isWithin('/a/b', '/a/b')).toBe(true);
    expect(isWithin('/a/b/c', '/a/b')).toBe(true);
    expect(isWithin('/a/bc', '/a/b')).toBe(false);
    expect(isWithin('/a', '/a/b')).toBe(false);
  });
});

describe('deleteInBackground', () => {
  it('deletes several folders and settles even when one is missing', async () => {
    fill(join(root, 'a'), 5);
    fill(join(root, 'b'), 5);
    await deleteInBackground([join(root, 'a'), join(root, 'missing'), join(root, 'b')]);
    expect(readdirSync(root)).toEqual([]);
  });
});
