/**
 * A local HTTP server for the HTTP client specs: known answers (text, bytes, an echo of the
 * request, redirects, a response that never comes, a large body) on a free loopback port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TargetServer {
  port: number;
  /** `http://127.0.0.1:PORT` */
  base: string;
  /** Requests received, as `METHOD path`. */
  seen: string[];
  close(): Promise<void>;
}

/**
 * Starts the server; `/redirect-to?url` answers 302 to `url`, `/answer?type` answers the request's
 * body with that Content-Type, `/hang` never answers.
 */
export async function startTargetServer(): Promise<TargetServer> {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://target');
    seen.push(`${request.method} ${url.pathname}`);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      switch (url.pathname) {
        case '/text':
          response.setHeader('Content-Type', 'text/plain; charset=utf-8');
          response.setHeader('Set-Cookie', ['a=1', 'b=2']);
          response.end(`hello ${request.method}`);
          return;
        case '/bytes':
          response.setHeader('Content-Type', 'application/octet-stream');
          response.end(Buffer.from([0, 1, 127, 128, 255]));
          return;
        case '/echo':
          response.setHeader('Content-Type', 'application/json');
          response.end(
            JSON.stringify({
              method: request.method,
              query: url.search,
              headers: request.headers,
              body: Buffer.concat(chunks).toString('latin1'),
            }),
          );
          return;
        case '/redirect-to':
          response.statusCode = 302;
          response.setHeader('Location', decodeURIComponent(url.search.slice(1)));
          response.end();
          return;
        case '/answer':
          response.setHeader('Content-Type', decodeURIComponent(url.search.slice(1)));
          response.end(Buffer.concat(chunks));
          return;
        case '/hang':
          return;
        case '/large':
          response.setHeader('Content-Type', 'application/octet-stream');
          response.end(Buffer.alloc(64 * 1024, 7));
          return;
        default:
          response.statusCode = 404;
          response.setHeader('Content-Type', 'text/plain');
          response.end('not here');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
