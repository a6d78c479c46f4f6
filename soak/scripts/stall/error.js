// A failed run at the error caps: an uncaught error whose message (and so its stack) is 20 MiB.
throw new Error("x".repeat(20 * 1024 * 1024));
