// The Map-growth bomb: V8 aborts the worker process; the supervisor replaces it.
var m = new Map();
var i = 0;
while (true) m.set(i++, 'v' + i);
