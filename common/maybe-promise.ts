/**
 * Values that come at once or later (in the main process). The memory store answers at once, so a request's session
 * goes from store to sandbox and back without a promise; a remote store answers later. The
 * session layers above the store return a `MaybePromise` and chain with these helpers, which wait
 * only for what is really a promise: each `await` of a plain value costs the main process a trip
 * through the microtask queue, and a request crossed about ten of them for its session alone.
 */

/** A value now, or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** True when `value` is a promise (the layers only ever make native ones). */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `next(value)`: at once when `value` is not a promise, else once it resolves. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}

/** `run()`, with `recover` answering instead when it throws or its promise rejects. */
export function attempt<T>(run: () => MaybePromise<T>, recover: (error: unknown) => MaybePromise<T>): MaybePromise<T> {
  let result: MaybePromise<T>;
  try {
    result = run();
  } catch (error) {
    return recover(error);
  }
  return isPromise(result) ? result.catch(recover) : result;
}

/** `run()`, then `always()` however it ended, as `try … finally`. */
export function ensure<T>(run: () => MaybePromise<T>, always: () => void): MaybePromise<T> {
  let result: MaybePromise<T>;
  try {
    result = run();
  } catch (error) {
    always();
    throw error;
  }
  if (isPromise(result)) return result.finally(always);
  always();
  return result;
}

/** `step` for each item, in order; a step that returns a promise is waited for before the next. */
export function eachInOrder<T>(items: Iterable<T>, step: (item: T) => MaybePromise<void>): MaybePromise<void> {
  const iterator = items[Symbol.iterator]();
  const rest = (): MaybePromise<void> => {
    for (let item = iterator.next(); item.done !== true; item = iterator.next()) {
      const done = step(item.value);
      if (isPromise(done)) return done.then(rest);
    }
    return undefined;
  };
  return rest();
}
