// A loop allocating arrays it drops at once: ends at the time limit (or the memory limit).
var a;
for (;;) { a = new Array(400000).fill(0); a = null; }
