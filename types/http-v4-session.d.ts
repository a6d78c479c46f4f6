/**
 * `http/v4/session`: the HTTP session of the request the script runs for (Eclipse Dirigible API
 * v4). Every function works on the request's session and creates it when there is none; after
 * `invalidate()` the next call starts a fresh session. A session that is only read is not stored
 * and sets no cookie.
 *
 * Scripts always run for an HTTP request here; should a function be called without one, every
 * function but `isValid()` throws a `NoHttpRequestError` (code `ERR_NO_HTTP_REQUEST`) naming it.
 *
 * `require("http/v4/session")`, `import session from`, `import * as session from` and named
 * imports all give these functions.
 */
declare module 'http/v4/session' {
  namespace session {
    /** JSON-compatible data: what an attribute can hold. A `Date` is stored as its time (epoch ms). */
    type AttributeValue =
      | string
      | number
      | boolean
      | null
      | Date
      | AttributeValue[]
      | { [key: string]: AttributeValue };

    /**
     * What `setAttribute` takes for a value of type `T`: `T` itself when it is data, so interfaces
     * and classes of plain fields are accepted (`interface Todo { id: number; title: string }`,
     * `Todo[]`), as are `any` and `unknown`; `never`, a type error, where `T` holds a function, a
     * symbol or a BigInt (a method counts). Types cannot tell a class instance from a plain object:
     * storing one still throws at run time.
     */
    type AttributeData<T> = unknown extends T
      ? T
      : T extends string | number | boolean | null | undefined | Date
        ? T
        : T extends (...args: never[]) => unknown
          ? never
          : T extends object
            ? { [K in keyof T]: AttributeData<T[K]> }
            : never;

    /** True when the script runs for an HTTP request (always, for a served script). Never throws. */
    function isValid(): boolean;

    /**
     * The value of attribute `name`, a copy: changing it does not change the session. `null` when
     * the attribute is absent. Strings, numbers, booleans, arrays and objects keep their JSON type; a
     * `Date` that was stored comes back as its epoch milliseconds.
     * @throws TypeError (`ERR_INVALID_ATTRIBUTE`) when `name` is not a non-empty string
     */
    function getAttribute(name: string): any;

    /** The attribute names in the order they were first set; a fresh array. */
    function getAttributeNames(): string[];

    /** When the session was created. Asking for it makes a new session stored and sets its cookie. */
    function getCreationTime(): Date;

    /**
     * The session id: at least 128 random bits, URL-safe. Asking for it makes a new session stored
     * and sets its cookie.
     */
    function getId(): string;

    /**
     * When the container received the previous request of this session (servlet rule: reading or
     * writing attributes does not change it). A new session reports its creation time.
     */
    function getLastAccessedTime(): Date;

    /** Seconds of inactivity after which the session expires; `0` or less means it never expires. */
    function getMaxInactiveInterval(): number;

    /**
     * Ends the session: its attributes are unbound, it is removed from the store and the response
     * clears the cookie. The next call in the same request starts a fresh session.
     */
    function invalidate(): void;

    /**
     * True until the client returns the session's cookie: on the request that created the session,
     * and on every request of a client that refuses cookies.
     */
    function isNew(): boolean;

    /**
     * Sets attribute `name` to a copy of `value`, replacing any previous value. `null` or
     * `undefined` removes the attribute. The value must be JSON data: strings, finite numbers,
     * booleans, `null`, arrays and plain objects of them, and `Date` (stored as epoch ms); objects
     * typed by an interface are fine (see `AttributeData`).
     * @throws TypeError (`ERR_INVALID_ATTRIBUTE`) when `name` is not a non-empty string, or when
     *   `value` is not data (a function, symbol, BigInt, non-finite number, cycle or class
     *   instance); nothing is stored then
     * @throws RangeError when a size limit would be broken, nothing stored: `ERR_ATTRIBUTE_TOO_LARGE`
     *   (name plus JSON value over `maxAttributeSize`, default 256 KiB), `ERR_TOO_MANY_ATTRIBUTES`
     *   (a new name beyond `maxAttributes`, default 1000), `ERR_SESSION_TOO_LARGE` (the session
     *   over `maxSessionSize`, default 1 MiB, or this request writing more than 4 times that)
     */
    function setAttribute<T>(name: string, value: T & AttributeData<T>): void;

    /**
     * Removes attribute `name`; does nothing when it is absent.
     * @throws TypeError (`ERR_INVALID_ATTRIBUTE`) when `name` is not a non-empty string
     */
    function removeAttribute(name: string): void;

    /**
     * Sets the seconds of inactivity after which the session expires, truncated to an integer and
     * clamped to 2147483647 (Java's `int`, about 68 years); `0` or less means it never expires.
     * @throws TypeError (`ERR_INVALID_ATTRIBUTE`) when `interval` is not a finite number (or a
     * string of one): `null`, `undefined` and booleans throw rather than mean 0
     */
    function setMaxInactiveInterval(interval: number): void;

    /**
     * Extension, not in Dirigible (servlet `changeSessionId`): gives the session a new id, keeping
     * its attributes and times, and returns it; the response sets the new cookie. Call it at login
     * to defeat session fixation. Creates and stores the session when there is none.
     */
    function changeSessionId(): string;
  }
  export = session;
}
