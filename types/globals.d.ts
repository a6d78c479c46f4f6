/**
 * The globals an ES module script has beside the standard ones, as on Dirigible 10: `require`
 * (typed by your editor's CommonJS or Node typings; not declared here, where it would clash with
 * `@types/node`) and `dirigibleRequire`, the same function. Each loads a module by its name from
 * the script root (`http/v4/request`, `myapp/lib/util.js`), with the request's module cache; an ES
 * module file is refused (`ERR_REQUIRE_ESM`), a missing one is `ERR_MODULE_NOT_FOUND`.
 */
declare function dirigibleRequire(name: string): any;
