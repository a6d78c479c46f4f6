/*
 * sdk/utils (also @aerokit/sdk/utils): Dirigible 10's utils module, `import { Base64, Digest, Escape, Hex, URL,
 * UTF8, UUID } from "sdk/utils"`, each also under its lower-case name (`base64`); each class is
 * its sdk/utils/<name> module's. See docs/utils.md.
 */
'use strict';
const classes = {
  Base64: require('sdk/utils/base64'),
  Digest: require('sdk/utils/digest'),
  Escape: require('sdk/utils/escape'),
  Hex: require('sdk/utils/hex'),
  URL: require('sdk/utils/url'),
  UTF8: require('sdk/utils/utf8'),
  UUID: require('sdk/utils/uuid'),
};
for (const [name, value] of Object.entries(classes)) {
  exports[name] = value;
  exports[name.toLowerCase()] = value;
}
