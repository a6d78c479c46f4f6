// Way 1: plain node:http. The runtime serves /services/js/<script> with its own sessions (JSESSIONID).
import http from 'node:http';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRuntime } from 'dirigible-session';

export async function start(port = 8080) {
  const runtime = createRuntime({ root: fileURLToPath(new URL('../../examples/', import.meta.url)) });
  const server = http.createServer(runtime.handler);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    async close() {
      await runtime.close(); // finishes the requests in flight, stops workers and the store
      server.closeAllConnections();
      server.close();
    },
  };
}

// Run as `node <file>` (PORT=0 picks a free port), also through a symlink (npm link, pnpm).
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url, close } = await start(Number(process.env.PORT ?? 8080));
  console.log(`try ${url}/services/js/basic-usage.js`);
  process.once('SIGINT', close);
}
