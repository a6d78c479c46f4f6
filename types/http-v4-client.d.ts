/**
 * `http/v4/client`: HTTP requests to other services (Eclipse Dirigible API v4). The runtime's main
 * process carries each one out while the script waits (the functions are synchronous, as on
 * Dirigible), and only to hosts the embedder listed in `allowedHosts`: loopback, private and
 * link-local addresses need an address entry even when a listed name resolves to them, and
 * redirects are followed only when asked and only within the list. A call takes at most
 * `httpClientTimeout` and never more than what is left of the run's `deadline`; a body larger than
 * `httpClientMaxResponseSize` is refused.
 *
 * A refused or failed call throws an error the script can catch, matched by `code`:
 * `ERR_HTTP_CLIENT_REFUSED`, `ERR_HTTP_CLIENT_FAILED`, `ERR_HTTP_CLIENT_TIMEOUT`,
 * `ERR_HTTP_CLIENT_RESPONSE_TOO_LARGE`, `ERR_INVALID_ARG`. An HTTP error status is not an error:
 * it is the response's `statusCode`.
 */
declare module 'http/v4/client' {
  namespace client {
    /** A request or response header. */
    interface HttpClientHeader {
      name: string;
      value: string;
    }

    /** A query (or form) parameter. */
    interface HttpClientParam {
      name: string;
      value: string;
    }

    /** Dirigible's request options; those not listed here are accepted and ignored. */
    interface HttpClientRequestOptions {
      /** The method of `request()`; default `GET`. The other functions set their own. */
      method?: string;
      /** Request headers, in order and as spelled; a name given again (in any case) replaces the earlier value (Dirigible's `setHeader`). A `{ name: value }` object is accepted too. `Host`, `Content-Length` and the connection headers are the client's own: a script's are dropped. */
      headers?: HttpClientHeader[];
      /** Appended to the URL as `?name=value&…` (`&` after a query the URL has), as given: `&`, `=` and `%` are not escaped, what a URL cannot hold (a space, non-ASCII) is percent-encoded as UTF-8; a POST, PUT or PATCH without `data` or `text` also sends them as a form (an empty form without params). */
      params?: HttpClientParam[];
      /** A binary body: bytes (numbers 0-255, or Java's signed -128-127), a typed array or an ArrayBuffer; anything else throws `ERR_INVALID_ARG`. Sent as `application/octet-stream` unless a Content-Type header is given. */
      data?: number[] | Uint8Array | ArrayBuffer;
      /** A text body, sent with `contentType` in the charset it names (UTF-8, ISO-8859-1, US-ASCII or UTF-16LE). Used when there is no `data`. */
      text?: string;
      /** Content-Type of a `text` body; default `text/plain`. */
      contentType?: string;
      /** The charset named in the Content-Type of a `text` body; default `UTF-8`. */
      characterEncoding?: string;
      /** When false, no charset is added to the Content-Type of a `text` body. Default true. */
      characterEncodingEnabled?: boolean;
      /** Return the body as bytes (`data`) even when it is text. Default false. */
      binary?: boolean;
      /** Follow redirects (only to allowed hosts), as Dirigible's HttpClient: 303 always (as a GET), 301/302/307/308 for GET and HEAD only. Default false, as on Dirigible: a 3xx is returned as it is. */
      redirectsEnabled?: boolean;
      /** Most redirects followed when `redirectsEnabled`; default 5, at most 10. */
      maxRedirects?: number;
      /** With `socketTimeout`, bounds the call to their sum, ms (never beyond the runtime's limits). */
      connectTimeout?: number;
      /** Bounds the call (with `connectTimeout`), ms. */
      socketTimeout?: number;
      /** Paths of server files to upload: not supported (throws `ERR_INVALID_ARG`); send the bytes as `data`. */
      files?: string[];
    }

    /** The response, in Dirigible's shape. */
    interface HttpClientResponse {
      /** The HTTP status: 200, 404 … */
      statusCode: number;
      /** The reason phrase: `OK`, `Not Found` … */
      statusMessage: string;
      /** Always `HTTP`. */
      protocol: string;
      /** True when the body is in `data`, false when it is in `text`. */
      binary: boolean;
      /** The body decoded with its charset, when it is text (`text/*`, JSON, XML, CSV …) and `binary` was not asked; absent for HEAD, 204 and 304, which have no body. */
      text?: string;
      /** The body as numbers 0-255, when it is not text or `binary` was asked. */
      data?: number[];
      /** Every response header as the server sent it: names as spelled, in order, a repeated header (each `Set-Cookie`) separately. */
      headers: HttpClientHeader[];
    }
  }

  /** The client's functions. */
  const client: {
    /** GET `url`. */
    get(url: string, options?: client.HttpClientRequestOptions): client.HttpClientResponse;
    /** POST `url` with `options.data`, `text` or `params` as the body. */
    post(url: string, options?: client.HttpClientRequestOptions): client.HttpClientResponse;
    /** PUT `url` with `options.data`, `text` or `params` as the body. */
    put(url: string, options?: client.HttpClientRequestOptions): client.HttpClientResponse;
    /** PATCH `url` with `options.data`, `text` or `params` as the body. */
    patch(url: string, options?: client.HttpClientRequestOptions): client.HttpClientResponse;
    /** DELETE `url` (no body, as on Dirigible). */
    delete(url: string, options?: client.HttpClientRequestOptions): client.HttpClientResponse;
    /** DELETE `url` (the same as `delete`). */
    del(url: string, options?: client.HttpClientRequestOptions): client.HttpClientResponse;
    /** HEAD `url`: the status and headers; neither `text` nor `data`. */
    head(url: string, options?: client.HttpClientRequestOptions): client.HttpClientResponse;
    /** TRACE `url`. */
    trace(url: string, options?: client.HttpClientRequestOptions): client.HttpClientResponse;
    /** A request with `options.method` (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or TRACE; default GET). */
    request(url: string, options?: client.HttpClientRequestOptions): client.HttpClientResponse;
  };
  export = client;
}
