/**
 * A loopback server that holds every request it gets until the spec lets them go: a script that
 * calls it (`http/v4/client`, with `allowedHosts: ['127.0.0.1']`) is a request still running while
 * the spec sends others.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GateServer {
  /** The URL a script calls. */
  url: string;
  /** Resolves when the first request arrived. */
  arrived: Promise<void>;
  /** Answers every request held so far. */
  release(): void;
  close(): Promise<void>;
}

export async function startGate(): Promise<GateServer> {
  const held: http.ServerResponse[] = [];
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  const server = http.createServer((_request, response) => {
    held.push(response);
    arrive();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gate`,
    arrived,
    release: () => {
      for (const response of held.splice(0)) response.end('open');
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
