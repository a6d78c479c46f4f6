// Way 2: an Express app with its own express-session for its routes; the scripts keep this
// runtime's sessions (cookie JSESSIONID, servlet guarantees) and see the app's user.
import express from 'express';
import session from 'express-session';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRuntime } from 'dirigible-session';

export async function start(port = 8080) {
  const runtime = createRuntime({
    root: fileURLToPath(new URL('../../examples/', import.meta.url)),
    // Who calls the scripts: here the app's own login, kept in its session. Without this option the
    // runtime reads req.user, as Passport leaves it.
    authenticate: (req) => (req.session.user ? { user: req.session.user, roles: ['admin'], authType: 'FORM' } : null),
  });
  const app = express();
  app.use(express.urlencoded());
  app.use(session({ name: 'app.sid', secret: 'change me', resave: false, saveUninitialized: false }));
  app.post('/app/login', (req, res) => {
    req.session.regenerate(() => {
      req.session.user = String(req.body.user);
      res.redirect(303, '/services/js/remote-user.js');
    });
  });
  app.use(runtime.handler); // after the app's middleware: it reads req.session and req.user
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
  console.log(`try ${url}/services/js/remote-user.js`);
  process.once('SIGINT', close);
}
