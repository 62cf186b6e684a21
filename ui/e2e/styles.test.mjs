// The style sheets: tokens and layout in src/styles.css, shared widgets in src/shared/widgets.css,
// each panel's own beside it. A brace lost in a merge once swallowed every rule after it: the
// audit table lost its height and the browser drew a million rows.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";
import postcss from "postcss";

const src = fileURLToPath(new URL("../src/", import.meta.url));

/** @param {string} dir @param {(name: string) => boolean} keep @returns {string[]} */
function filesUnder(dir, keep) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

const sheets = filesUnder(src, (name) => name.endsWith(".css")).map((path) => ({
  name: relative(src, path),
  css: readFileSync(path, "utf8"),
}));
const modules = filesUnder(src, (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)).map((path) => ({
  name: relative(src, path),
  code: readFileSync(path, "utf8"),
}));

test("the shared sheets and every panel's own are found", () => {
  const names = sheets.map((sheet) => sheet.name);
  for (const name of ["styles.css", join("shared", "widgets.css"), join("panels", "audit-log", "audit-log.css")]) {
    assert.ok(names.includes(name), `${name} among ${names.join(", ")}`);
  }
});

test("every style sheet parses, with no block left open", () => {
  for (const { name, css } of sheets) assert.doesNotThrow(() => postcss.parse(css), name);
});

test("no style sheet nests a style rule inside another", () => {
  /** @type {string[]} */
  const nested = [];
  for (const { name, css } of sheets) {
    postcss.parse(css).walkRules((rule) => {
      if (rule.parent?.type === "rule") nested.push(`${name}: ${rule.parent.selector} > ${rule.selector}`);
    });
  }
  assert.deepEqual(nested, []);
});

test("each top-level selector is defined once, in one sheet", () => {
  /** @type {Map<string, string[]>} */
  const seen = new Map();
  for (const { name, css } of sheets) {
    postcss.parse(css).each((node) => {
      if (node.type === "rule") seen.set(node.selector, [...(seen.get(node.selector) ?? []), name]);
    });
  }
  assert.deepEqual(
    [...seen].filter(([, where]) => where.length > 1).map(([selector, where]) => `${selector} in ${where.join(", ")}`),
    [],
  );
});

test("every sheet is imported by exactly one module", () => {
  const importers = sheets.map(({ name }) => {
    const file = name.split(/[\\/]/).pop();
    return { name, by: modules.filter(({ code }) => code.includes(`/${file}";`)).map((module) => module.name) };
  });
  assert.deepEqual(
    importers.filter(({ by }) => by.length !== 1).map(({ name, by }) => `${name} imported by [${by.join(", ")}]`),
    [],
  );
});

test("the tokens and layout, then the shared widgets, load before any panel's sheet", () => {
  // Panel rules override widget rules of equal specificity by coming later, as in the one sheet
  // they were split from.
  const main = readFileSync(join(src, "main.tsx"), "utf8");
  const at = (/** @type {string} */ text) => {
    const index = main.indexOf(text);
    assert.notEqual(index, -1, `main.tsx has ${text}`);
    return index;
  };
  assert.ok(at('import "./styles.css";') < at('import "./shared/widgets.css";'));
  assert.ok(at('import "./shared/widgets.css";') < at('from "./app/App";'));
});
