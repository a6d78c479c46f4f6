/*
 * sdk/http/rs: Dirigible's REST services framework for ES module scripts, the same as
 * http/v4/rs: `import { rs } from "sdk/http"; rs.service().resource("").get(…).execute();`
 */
export { service, HttpController, ResourceMappings, Resource, ResourceMethod } from 'http/v4/rs';
