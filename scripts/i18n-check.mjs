// Every language catalog has exactly the keys of the English one: a missing key would show
// its raw name to a Finnish or Swedish user, an extra one is text nobody sees.
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const dir = resolve(import.meta.dirname, "../ui/src/i18n");
const flat = (o, prefix = "") =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const keys = (lang) => new Set(flat(JSON.parse(readFileSync(join(dir, `${lang}.json`), "utf8"))));

const reference = keys("en");
let bad = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "en.json")) {
  const lang = file.slice(0, -5);
  const own = keys(lang);
  const missing = [...reference].filter((k) => !own.has(k));
  const extra = [...own].filter((k) => !reference.has(k));
  if (missing.length || extra.length) {
    bad++;
    console.log(`${lang}: missing ${missing.join(", ") || "none"}; not in en: ${extra.join(", ") || "none"}`);
  }
}
console.log(bad ? `i18n catalogs differ in ${bad} language(s)` : `i18n catalogs: ${reference.size} keys in every language`);
process.exit(bad ? 1 : 0);
