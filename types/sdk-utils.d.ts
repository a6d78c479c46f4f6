/**
 * Dirigible 10's `sdk/utils` (also `@aerokit/sdk/utils`) and its class modules
 * `sdk/utils/<name>` (also `@aerokit/sdk/utils/<name>`): `Base64`, `Digest`, `Escape`, `Hex`, `URL`, `UTF8` and `UUID`,
 * classes of static methods that are the `utils/<name>` modules' functions. `require()` of a class
 * module gives the class; the class is also its own property of its name.
 */
declare module 'sdk/utils/base64' {
  import functions = require('utils/base64');
  /** The `Base64` class of static methods: each function of its utils module, and the class itself (`import { Base64 }`). */
  type Base64Class = typeof functions & { readonly Base64: Base64Class };
  const Base64: Base64Class;
  export = Base64;
}
declare module 'sdk/utils/digest' {
  import functions = require('utils/digest');
  /** The `Digest` class of static methods: each function of its utils module, and the class itself (`import { Digest }`). */
  type DigestClass = typeof functions & { readonly Digest: DigestClass };
  const Digest: DigestClass;
  export = Digest;
}
declare module '@aerokit/sdk/utils/digest' {
  import Digest = require('sdk/utils/digest');
  export = Digest;
}
declare module 'sdk/utils/escape' {
  import functions = require('utils/escape');
  /** The `Escape` class of static methods: each function of its utils module, and the class itself (`import { Escape }`). */
  type EscapeClass = typeof functions & { readonly Escape: EscapeClass };
  const Escape: EscapeClass;
  export = Escape;
}
declare module '@aerokit/sdk/utils/escape' {
  import Escape = require('sdk/utils/escape');
  export = Escape;
}
declare module 'sdk/utils/hex' {
  import functions = require('utils/hex');
  /** The `Hex` class of static methods: each function of its utils module, and the class itself (`import { Hex }`). */
  type HexClass = typeof functions & { readonly Hex: HexClass };
  const Hex: HexClass;
  export = Hex;
}
declare module 'sdk/utils/url' {
  import functions = require('utils/url');
  /** The `URL` class of static methods: each function of its utils module, and the class itself (`import { URL }`). */
  type URLClass = typeof functions & { readonly URL: URLClass };
  const URL: URLClass;
  export = URL;
}
declare module 'sdk/utils/utf8' {
  import functions = require('utils/utf8');
  /** The `UTF8` class of static methods: each function of its utils module, and the class itself (`import { UTF8 }`). */
  type UTF8Class = typeof functions & { readonly UTF8: UTF8Class };
  const UTF8: UTF8Class;
  export = UTF8;
}
declare module 'sdk/utils/uuid' {
  import functions = require('utils/uuid');
  /** The `UUID` class of static methods: each function of its utils module, and the class itself (`import { UUID }`). */
  type UUIDClass = typeof functions & { readonly UUID: UUIDClass };
  const UUID: UUIDClass;
  export = UUID;
}
declare module '@aerokit/sdk/utils/base64' {
  import Base64 = require('sdk/utils/base64');
  export = Base64;
}
declare module '@aerokit/sdk/utils/hex' {
  import Hex = require('sdk/utils/hex');
  export = Hex;
}
declare module '@aerokit/sdk/utils/url' {
  import URL = require('sdk/utils/url');
  export = URL;
}
declare module '@aerokit/sdk/utils/utf8' {
  import UTF8 = require('sdk/utils/utf8');
  export = UTF8;
}
declare module '@aerokit/sdk/utils/uuid' {
  import UUID = require('sdk/utils/uuid');
  export = UUID;
}
declare module 'sdk/utils' {
  import Base64 = require('sdk/utils/base64');
  import Digest = require('sdk/utils/digest');
  import Escape = require('sdk/utils/escape');
  import Hex = require('sdk/utils/hex');
  import URL = require('sdk/utils/url');
  import UTF8 = require('sdk/utils/utf8');
  import UUID = require('sdk/utils/uuid');
  export {
    Base64,
    Base64 as base64,
    Digest,
    Digest as digest,
    Escape,
    Escape as escape,
    Hex,
    Hex as hex,
    URL,
    URL as url,
    UTF8,
    UTF8 as utf8,
    UUID,
    UUID as uuid,
  };
  /** Every export as one object (`import utils from "sdk/utils"`). */
  const exports: {
    Base64: typeof Base64;
    base64: typeof Base64;
    Digest: typeof Digest;
    digest: typeof Digest;
    Escape: typeof Escape;
    escape: typeof Escape;
    Hex: typeof Hex;
    hex: typeof Hex;
    URL: typeof URL;
    url: typeof URL;
    UTF8: typeof UTF8;
    utf8: typeof UTF8;
    UUID: typeof UUID;
    uuid: typeof UUID;
  };
  export default exports;
}
declare module '@aerokit/sdk/utils' {
  export * from 'sdk/utils';
  export { default } from 'sdk/utils';
}
/** Dirigible 7 and 8's name of `sdk/utils` (the 2023 docs: `import { base64 } from "@dirigible/utils"`). */
declare module '@dirigible/utils' {
  export * from 'sdk/utils';
  export { default } from 'sdk/utils';
}
