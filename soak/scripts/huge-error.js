// Throws an error with a 4 MiB message: the error response must stay small.
throw new Error("x".repeat(4 * 1024 * 1024));
