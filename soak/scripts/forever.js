// Awaits a promise that never settles, until the deadline ends it.
return new Promise(function () {});
