/**
 * The Koa function docs/embedding.md shows ("Express 4, Fastify and Koa"), loaded from the page as
 * it is, so the specs run what the page tells embedders to write.
 */
import { readFileSync } from 'node:fs';
import type { Middleware } from 'koa';
import type { Runtime } from '../../main/server/runtime.js';
import { packageDir } from './paths.js';

/** The page's `koaScripts(runtime, mountPath?)`. */
export type KoaScripts = (runtime: Runtime, mountPath?: string) => Middleware;

/** The code block of docs/embedding.md that defines `koaScripts`. */
export function koaRecipeSource(): string {
  const page = readFileSync(`${packageDir}docs/embedding.md`, 'utf8');
  const block = /```js\n(\/\/ Koa: [\s\S]*?)```/.exec(page)?.[1];
  if (block === undefined) throw new Error('docs/embedding.md shows no Koa function');
  return block;
}

/** Imports the page's `koaScripts`. */
export async function loadKoaScripts(): Promise<KoaScripts> {
  const url = `data:text/javascript;base64,${Buffer.from(koaRecipeSource()).toString('base64')}`;
  return ((await import(url)) as { koaScripts: KoaScripts }).koaScripts;
}
