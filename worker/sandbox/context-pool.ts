/**
 * Isolation `request`: every request runs in a fresh context, used once. Contexts are prepared
 * ahead of demand (kernel and host bridge installed) while the worker is idle, so a request rarely
 * waits for one. An isolate serves at most `contextsPerIsolate` contexts, and fewer when its heap
 * passes the recycle threshold; then a new isolate takes over and the old one is disposed once its
 * last context is released, so context churn never fills a heap.
 */
import type { ContextSource } from './context-source.js';
import type { SandboxContext } from './sandbox-context.js';
import { SandboxIsolate } from './sandbox-isolate.js';

/** Contexts kept prepared. */
export const PREPARED_CONTEXTS = 2;

export class ContextPool implements ContextSource {
  readonly #memoryLimit: number;
  readonly #contextsPerIsolate: number;
  readonly #create: (isolate: SandboxIsolate) => SandboxContext;
  readonly #prepared: SandboxContext[] = [];
  #current: SandboxIsolate | undefined;
  /** Isolates that serve no new contexts, disposed once their last context is released. */
  readonly #retired = new Set<SandboxIsolate>();

  constructor(memoryLimit: number, contextsPerIsolate: number, create: (isolate: SandboxIsolate) => SandboxContext) {
    this.#memoryLimit = memoryLimit;
    this.#contextsPerIsolate = contextsPerIsolate;
    this.#create = create;
  }

  acquire(): SandboxContext {
    const context = this.#prepared.shift();
    if (context !== undefined && !context.owner.disposed) return context;
    if (context !== undefined) this.#free(context);
    return this.#create(this.#isolateWithBudget());
  }

  release(context: SandboxContext): void {
    this.#free(context);
    if (this.#current?.heapNearlyFull()) this.#retire(this.#current);
  }

  /** Never: a context serves one request. */
  handOn(): boolean {
    return false;
  }

  prepare(): void {
    while (this.#prepared.length < PREPARED_CONTEXTS) this.#prepared.push(this.#create(this.#isolateWithBudget()));
  }

  close(): void {
    for (const context of this.#prepared.splice(0)) context.release();
    if (this.#current !== undefined) this.#retire(this.#current);
    for (const isolate of this.#retired) isolate.dispose();
    this.#retired.clear();
  }

  /** The isolate new contexts come from, replaced when its budget is spent or it died. */
  #isolateWithBudget(): SandboxIsolate {
    const current = this.#current;
    if (current !== undefined && (current.disposed || current.contextsCreated >= this.#contextsPerIsolate))
      this.#retire(current);
    this.#current ??= new SandboxIsolate(this.#memoryLimit);
    return this.#current;
  }

  /** The isolate serves nothing more: its prepared contexts go, and it goes when unused. */
  #retire(isolate: SandboxIsolate): void {
    if (isolate === this.#current) this.#current = undefined;
    this.#retired.add(isolate);
    for (const context of this.#prepared.filter((prepared) => prepared.owner === isolate)) {
      this.#prepared.splice(this.#prepared.indexOf(context), 1);
      context.release();
    }
    this.#disposeIfUnused(isolate);
  }

  #free(context: SandboxContext): void {
    context.release();
    this.#disposeIfUnused(context.owner);
  }

  #disposeIfUnused(isolate: SandboxIsolate): void {
    if (!this.#retired.has(isolate) || (isolate.liveContexts > 0 && !isolate.disposed)) return;
    this.#retired.delete(isolate);
    isolate.dispose();
  }
}
