/**
 * `dist/server.js`, what editors start (`node dist/server.js --stdio`, or VS Code over IPC): loads the
 * language server bundle (dist/serverMain.js) through a code cache (Node's own where it has one), so every
 * start after the first skips most of compiling it. See codeCache.ts.
 */
import * as path from 'node:path';
import { defaultCacheDir, loadBundle } from './codeCache';

loadBundle(path.join(__dirname, 'serverMain.js'), { dir: defaultCacheDir() });
