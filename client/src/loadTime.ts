/**
 * Imported FIRST by extension.ts: the bundle evaluates it before any other module, so `moduleStart` is
 * when the extension's code started running (activation time = moduleStart → end of activate()).
 */
import { performance } from 'node:perf_hooks';

export const moduleStart = performance.now();
export const now = (): number => performance.now();
