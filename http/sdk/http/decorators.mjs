/*
 * sdk/http/decorators: Dirigible 10's decorators for TypeScript services (`@Controller`, `@Get`
 * …), also exported by sdk/http itself. See http/rs/decorators.
 */
export { Controller, Get, Post, Put, Patch, Delete, Head, Options } from 'http/rs/decorators';
