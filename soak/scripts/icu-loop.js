// A loop of ICU work: ends at the time limit.
for (;;) { "straße".localeCompare("strasse", "de", { sensitivity: "base" }); }
