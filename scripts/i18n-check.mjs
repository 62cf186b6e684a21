// Every language catalog has exactly the keys of the English one, part by part
// (ui/src/i18n/<language>/<part>.json): a missing key would show its raw name to a Finnish or
// Swedish user, an extra one is text nobody sees, and a key in another part than English's
// would be missing until that other part loads. The parts merge into one catalog, so no two
// parts may share a top-level key.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const dir = resolve(import.meta.dirname, "../ui/src/i18n");
const flat = (o, prefix = "") =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const read = (lang, part) => JSON.parse(readFileSync(join(dir, lang, part), "utf8"));
const partsOf = (lang) => readdirSync(join(dir, lang)).filter((f) => f.endsWith(".json"));

let bad = 0;
const problem = (text) => {
  bad++;
  console.log(text);
};

const parts = partsOf("en");
const owner = new Map();
for (const part of parts) {
  for (const key of Object.keys(read("en", part))) {
    if (owner.has(key)) problem(`en: top-level key ${key} in both ${owner.get(key)} and ${part}`);
    owner.set(key, part);
  }
}

let keys = 0;
const languages = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== "en").map((d) => d.name);
for (const part of parts) {
  const reference = new Set(flat(read("en", part)));
  keys += reference.size;
  for (const lang of languages) {
    if (!existsSync(join(dir, lang, part))) {
      problem(`${lang}: no ${part}`);
      continue;
    }
    const own = new Set(flat(read(lang, part)));
    const missing = [...reference].filter((k) => !own.has(k));
    const extra = [...own].filter((k) => !reference.has(k));
    if (missing.length || extra.length) problem(`${lang}/${part}: missing ${missing.join(", ") || "none"}; not in en: ${extra.join(", ") || "none"}`);
  }
}
for (const lang of languages) {
  for (const part of partsOf(lang).filter((p) => !parts.includes(p))) problem(`${lang}: ${part} has no English part`);
}
console.log(bad ? `i18n catalogs: ${bad} problem(s)` : `i18n catalogs: ${keys} keys in ${parts.length} parts, the same in every language`);
process.exit(bad ? 1 : 0);
