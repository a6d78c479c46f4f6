/**
 * Child process entry: the no-sandbox limit (targets/limit-app.ts) on bare `node:http`, on a free
 * loopback port.
 */
import { createLimitHandler } from '../targets/limit-app.js';
import { listenOnLoopback } from './loopback.js';
import { serveInChild } from './serve-in-child.js';

await serveInChild(() => listenOnLoopback(createLimitHandler()));
