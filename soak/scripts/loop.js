// Runs until the time limit ends it.
while (true) {}
