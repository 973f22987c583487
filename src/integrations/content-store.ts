/**
 * Loads Astro's content store faster in every build (src/plugins/vite-content-store.ts):
 * adds the Vite plugin with Astro's cache folder, where a build's content sync writes the store.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import viteContentStore from '../plugins/vite-content-store.ts';

export default function contentStore(): AstroIntegration {
  return {
    name: 'qtd:content-store',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const storage = config.experimental.collectionStorage;
        const chunked = storage !== undefined && storage !== 'single-file';
        updateConfig({ vite: { plugins: [viteContentStore({ cacheDir: fileURLToPath(config.cacheDir), chunked })] } });
      },
    },
  };
}
