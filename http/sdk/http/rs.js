/*
 * sdk/http/rs: Dirigible's REST services framework, the same as http/v4/rs:
 * `import { rs } from "sdk/http"; rs.service().resource("").get(…).execute();`
 */
'use strict';
const rs = require('http/v4/rs');

exports.service = rs.service;
exports.HttpController = rs.HttpController;
exports.ResourceMappings = rs.ResourceMappings;
exports.Resource = rs.Resource;
exports.ResourceMethod = rs.ResourceMethod;
