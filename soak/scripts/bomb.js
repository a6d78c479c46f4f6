// A memory bomb isolated-vm catches (the isolate is disposed at its limit).
var a = [];
while (true) a.push(new Array(100000).fill(a.length));
