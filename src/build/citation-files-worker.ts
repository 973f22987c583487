/** The worker of `writeCitationFilesAside` (src/build/after-astro.ts): writes the citation files of one site folder. */
import { parentPort, workerData } from 'node:worker_threads';
import { writeCitationFiles } from '../views/citation-bundle.ts';

const { siteDir } = workerData as { siteDir: string };
parentPort?.postMessage(writeCitationFiles(siteDir));
