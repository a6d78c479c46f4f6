/**
 * Routing a request path to a script (routing.ts), and the same answers remembered for the paths
 * requested lately (`RecentRoutes`).
 */
import { expect } from 'chai';
import { RecentRoutes, routeScript } from '../../../main/server/routing.js';

const PATHS = [
  '/services/js/app/list.js',
  '/services/js/app/list.js/items/7',
  '/services/ts/app/controller.ts/users',
  '/services/v4/js/app/list.js/items/7',
  '/services/v3/js/app/list.js',
  '/services/v4/ts/app/list.js',
  '/services/js/esm/page.mjs',
  '/services/js/caf%C3%A9.js',
  '/services/js/../secret.js',
  '/services/js/a/%2e%2e/b.js',
  '/services/js/%E0%A4%A.js',
  '/services/js/app/',
  '/other/path.js',
];

describe('routing', () => {
  it('maps a script URL to the script and its resource path, and refuses what would leave the root', () => {
    expect(routeScript('/services/js/app/list.js/items/7')).to.deep.equal({
      mount: '/services/js',
      script: 'app/list.js',
      resourcePath: 'items/7',
    });
    expect(routeScript('/services/js/../secret.js')).to.equal(undefined);
  });

  it('serves every script under the mounts of Dirigible 3 to 7 too, their pages call those URLs', () => {
    for (const mount of ['/services/ts', '/services/v4/js', '/services/v3/js'])
      expect(routeScript(`${mount}/app/list.js/items/7`), mount).to.deep.equal({
        mount,
        script: 'app/list.js',
        resourcePath: 'items/7',
      });
    expect(routeScript('/services/v4/js/../secret.js')).to.equal(undefined);
    expect(routeScript('/services/v4/web/app/list.js')).to.equal(undefined);
    expect(routeScript('/services/v5/js/app/list.js')).to.equal(undefined);
    expect(routeScript('/services/js/%E0%A4%A.js')).to.equal(undefined);
    expect(routeScript('/other/path.js')).to.equal(undefined);
  });

  it('RecentRoutes answers as routeScript does, the first time and when it remembers', () => {
    const routes = new RecentRoutes();
    for (let round = 0; round < 2; round++)
      for (const path of PATHS) expect(routes.route(path), `${path} (round ${round})`).to.deep.equal(routeScript(path));
  });

  it('RecentRoutes gives frozen routes, so no request changes another one', () => {
    const routes = new RecentRoutes();
    const route = routes.route('/services/js/app/list.js');
    expect(Object.isFrozen(route)).to.equal(true);
    expect(routes.route('/services/js/app/list.js')).to.equal(route);
  });

  it('RecentRoutes keeps answering right past its size bound and for very long paths', () => {
    const routes = new RecentRoutes();
    for (let i = 0; i < 2500; i++) expect(routes.route(`/services/js/s${i}.js`)?.script).to.equal(`s${i}.js`);
    const long = `/services/js/${'d/'.repeat(200)}x.js`;
    expect(routes.route(long)?.script).to.equal(`${'d/'.repeat(200)}x.js`);
    expect(routes.route(long)?.script).to.equal(`${'d/'.repeat(200)}x.js`);
  });
});
