/**
 * Regenerates the reference share cards in tests/fixtures/cards/ from the
 * current renderer. Run with `node scripts/update-card-references.ts` (Node 24),
 * then look at every PNG before committing it.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCards } from '../src/build/cards/render-cards.ts';
import { cardOutputPath } from '../src/build/cards/card-layout.ts';
import { referenceCards } from '../tests/fixtures/cards/fixture-cards.ts';

const fixtures = fileURLToPath(new URL('../tests/fixtures/cards/', import.meta.url));
const work = await mkdtemp(join(tmpdir(), 'qtd-card-references-'));
try {
  const result = await renderCards(
    referenceCards.map(({ card }) => card),
    { outDir: join(work, 'dist'), cacheDir: join(work, 'cache') },
  );
  for (const { file, card } of referenceCards) {
    await copyFile(join(work, 'dist', cardOutputPath(card)), join(fixtures, file));
    console.log(`wrote tests/fixtures/cards/${file}`);
  }
  console.log(`${result.rendered} cards rendered in ${result.ms} ms`);
} finally {
  await rm(work, { recursive: true, force: true });
}
