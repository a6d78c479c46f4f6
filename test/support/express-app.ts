/**
 * An Express 5 app as an embedder writes one: express.json() and express.urlencoded() in front,
 * express-session with a given store, a Passport-style user (deserialized from the session onto
 * `req.user`), a few routes of its own, and the runtime mounted after them.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session, { type SessionOptions, type Store } from 'express-session';
import { createRuntime, type Runtime } from '../../main/server/runtime.js';
import type { RuntimeOptions } from '../../main/server/options.js';
import { fixturesDir } from './paths.js';

export const embeddingScriptsDir = `${fixturesDir}embedding/`;

export interface ExpressApp {
  url: string;
  runtime: Runtime;
  close(): Promise<void>;
}

declare module 'express-session' {
  interface SessionData {
    [attribute: string]: unknown;
  }
}

/** An app listening on a free loopback port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops listening, cutting the connections still open. */
  close(): Promise<void>;
}

/** Starts `app` (an Express app or any request listener) on a free loopback port. */
export async function listenOnLoopback(app: RequestListener): Promise<LoopbackServer> {
  // What Express's app.listen does: the app is the server's request listener.
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Starts the app on a free loopback port; `store` is the express-session store (default MemoryStore),
 * `cookie` express-session's cookie option (default a max age of 600 s).
 */
export async function startExpressApp(
  options: { store?: Store; cookie?: SessionOptions['cookie']; runtime?: Partial<RuntimeOptions> } = {},
): Promise<ExpressApp> {
  const runtime = createRuntime({
    root: embeddingScriptsDir,
    workers: 1,
    sweepInterval: 0,
    expressSession: true,
    log: () => undefined,
    ...options.runtime,
  });
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded());
  app.use(
    session({
      secret: 'test secret',
      resave: false,
      saveUninitialized: false,
      cookie: options.cookie ?? { maxAge: 600_000 },
      ...(options.store === undefined ? {} : { store: options.store }),
    }),
  );
  // Passport-style: the user kept in the session is put on req.user for every request.
  app.use((req, _res, next) => {
    const kept = req.session['account'] as { username: string; roles: string[] } | undefined;
    if (kept !== undefined) (req as unknown as { user: unknown }).user = kept;
    next();
  });
  app.post('/app/login', (req, res) => {
    req.session['account'] = { username: String(req.body.username), roles: ['reader'] };
    res.redirect(303, '/app/attribute?name=account');
  });
  app.post('/app/attribute', (req, res) => {
    req.session[String(req.body.name)] = req.body.value;
    res.json({ id: req.sessionID });
  });
  app.get('/app/attribute', (req, res) => {
    res.json({ id: req.sessionID, value: req.session[String(req.query['name'])] ?? null });
  });
  app.get('/app/max-age', (req, res) => {
    res.json({ id: req.sessionID, originalMaxAge: req.session.cookie.originalMaxAge });
  });
  app.use(runtime.handler);
  const listening = await listenOnLoopback(app);
  return {
    url: listening.url,
    runtime,
    async close() {
      await listening.close();
      await runtime.close();
    },
  };
}
