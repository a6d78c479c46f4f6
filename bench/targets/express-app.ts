/**
 * The peer: the Basic Usage script written as an express 5 route on express-session with its
 * MemoryStore. Configured as express-session's README recommends (`resave: false`,
 * `saveUninitialized: false`) and as close to the runtime's session as it allows: an HttpOnly,
 * SameSite=Lax cookie and a 30-minute idle timeout (cookie `maxAge`, renewed in the store on
 * every request by `touch`, the runtime's default `maxInactiveInterval` of 1800 s). Express's own
 * defaults (ETag, X-Powered-By) stay as a user would have them.
 */
import { randomBytes } from 'node:crypto';
import express, { type Express } from 'express';
import session from 'express-session';
import { basicUsagePath } from '../basic-usage.js';

declare module 'express-session' {
  interface SessionData {
    attr1: string;
  }
}

/**
 * An express app answering the Basic Usage script's output at its URL path.
 * @param store express-session's store. Default: its MemoryStore (the Redis rows pass connect-redis).
 */
export function createExpressApp(store: session.Store = new session.MemoryStore()): Express {
  const app = express();
  app.use(
    session({
      secret: randomBytes(32).toString('hex'),
      store,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', maxAge: 1800 * 1000 },
    }),
  );
  app.all(basicUsagePath, (request, response) => {
    request.session.attr1 = 'value1';
    const attr = request.session.attr1;
    response.type('text/plain').send(`[Attribute]: ${attr}\n`);
  });
  return app;
}
