/**
 * `sdk/http/utils` (the newest SDK, also `@aerokit/sdk/http/utils`, and `utils` of `sdk/http`): the
 * `HttpUtils` class, whose static methods answer with a status and a JSON body, as the SDK's
 * generated REST controllers do. Each sets the Content-Type `application/json` and the status, then
 * prints the body; an entity that is falsy (`0`, `""`, `null`) prints nothing, as on Dirigible.
 */
declare module 'sdk/http/utils' {
  /** Standard answers as static methods. */
  interface HttpUtilsClass {
    /** 200 with `entity` as the JSON body. */
    sendResponseOk(entity: unknown): void;
    /** 201 with `entity` as the JSON body. */
    sendResponseCreated(entity: unknown): void;
    /** 204 without a body. */
    sendResponseNoContent(): void;
    /** 400 with the body `{ "code": 400, "message": message }`. */
    sendResponseBadRequest(message: string): void;
    /** 403 with the body `{ "code": 403, "message": message }`. */
    sendForbiddenRequest(message: string): void;
    /** 404 with the body `{ "code": 404, "message": message }`. */
    sendResponseNotFound(message: string): void;
    /** 500 with the body `{ "code": 500, "message": message }`. */
    sendInternalServerError(message: string): void;
  }
  /** The class of static methods. */
  export const HttpUtils: HttpUtilsClass;
  /** Every export as one object (`import utils from "sdk/http/utils"`, `require("sdk/http/utils")`). */
  const exports: { HttpUtils: typeof HttpUtils };
  export default exports;
}
