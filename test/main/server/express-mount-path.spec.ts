/**
 * The runtime mounted under a path of an Express app (`app.use('/scripts', runtime.handler)`, or
 * in a router mounted at `/api`): Express strips the mount path from `req.url`, and scripts still
 * see the URL the client sent. The mount path is their context path, as a servlet container
 * reports the path a web application is deployed at (docs/http-v4-request.md, "Paths").
 */
import { expect } from 'chai';
import express from 'express';
import { createRuntime, type Runtime } from '../../../main/server/runtime.js';
import { embeddingScriptsDir, type LoopbackServer, listenOnLoopback } from '../../support/express-app.js';

describe('the runtime mounted under a path of an Express app', () => {
  const logged: string[] = [];
  let runtime: Runtime;
  let server: LoopbackServer;
  let url: string;

  before(async () => {
    runtime = createRuntime({
      root: embeddingScriptsDir,
      workers: 1,
      sweepInterval: 0,
      urlRewriting: true,
      log: (line) => logged.push(line),
    });
    const app = express();
    const api = express.Router();
    api.use('/v1', runtime.handler);
    app.use('/api', api);
    app.use('/scripts', runtime.handler);
    app.use(runtime.handler);
    server = await listenOnLoopback(app);
    url = server.url;
  });

  after(async () => {
    await server.close();
    await runtime.close();
  });

  async function paths(path: string): Promise<Record<string, string | null>> {
    const response = await fetch(`${url}${path}`);
    expect(response.status).to.equal(200);
    return (await response.json()) as Record<string, string | null>;
  }

  it('at the root: the context path is "" and the request URI the whole path', async () => {
    expect(await paths('/services/js/paths.js/items/42?x=1')).to.deep.include({
      requestURI: '/services/js/paths.js/items/42',
      requestURL: `${url}/services/js/paths.js/items/42`,
      contextPath: '',
      servicePath: '',
      pathInfo: '/services/js/paths.js/items/42',
      resourcePath: 'items/42',
      queryString: 'x=1',
    });
  });

  it("under app.use('/scripts'): the request URI and URL are those the client sent; the mount path is the context path", async () => {
    expect(await paths('/scripts/services/js/paths.js/items/42?x=1')).to.deep.include({
      requestURI: '/scripts/services/js/paths.js/items/42',
      requestURL: `${url}/scripts/services/js/paths.js/items/42`,
      contextPath: '/scripts',
      servicePath: '',
      pathInfo: '/services/js/paths.js/items/42',
      resourcePath: 'items/42',
      queryString: 'x=1',
    });
  });

  it("in a router at '/api', mounted at '/v1': the context path is the whole mount path", async () => {
    expect(await paths('/api/v1/services/ts/paths.js?x=1')).to.deep.include({
      requestURI: '/api/v1/services/ts/paths.js',
      contextPath: '/api/v1',
      pathInfo: '/services/ts/paths.js',
      resourcePath: '',
    });
  });

  it('encodeURL adds the session id to links under the mount path', async () => {
    const body = await paths('/scripts/services/js/paths.js?link=/scripts/services/js/other.js');
    expect(body['encoded']).to.match(/^\/scripts\/services\/js\/other\.js;jsessionid=[\w-]+$/);
  });

  it('the access line names the path the client sent', async () => {
    logged.length = 0;
    await paths('/scripts/services/js/paths.js/logged');
    expect(logged.some((line) => line.startsWith('GET /scripts/services/js/paths.js/logged 200 '))).to.equal(true);
  });
});
