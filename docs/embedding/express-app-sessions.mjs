// Way 3: an Express app and its scripts share one session: the app's express-session (any store:
// MemoryStore, connect-redis …). Routes and scripts read and write the same attributes.
import express from 'express';
import session from 'express-session';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRuntime } from 'dirigible-session';

export async function start(port = 8080, store = undefined) {
  const runtime = createRuntime({
    root: fileURLToPath(new URL('../../examples/', import.meta.url)),
    expressSession: true, // scripts run on req.session
  });
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded());
  app.use(
    session({
      secret: 'change me',
      resave: false,
      saveUninitialized: false,
      cookie: { maxAge: 30 * 60 * 1000 }, // the scripts' getMaxInactiveInterval(): 1800
      ...(store ? { store } : {}),
    }),
  );
  app.post('/app/login', (req, res) => {
    req.session.regenerate(() => {
      req.session.user = String(req.body.user); // examples/whoami.js reads this attribute
      req.session.loggedInAt = Date.now();
      res.redirect(303, '/services/js/whoami.js');
    });
  });
  app.get('/app/visits', (req, res) => res.json({ visits: req.session.visits ?? 0 })); // set by visit-counter.js
  app.use(runtime.handler);
  const server = await new Promise((resolve) => {
    const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    async close() {
      await runtime.close();
      server.closeAllConnections();
      server.close();
    },
  };
}

// Run as `node <file>` (PORT=0 picks a free port), also through a symlink (npm link, pnpm).
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url, close } = await start(Number(process.env.PORT ?? 8080));
  console.log(`try ${url}/services/js/visit-counter.js, then ${url}/app/visits`);
  process.once('SIGINT', close);
}
