// Every panel adds its rules to the one style sheet. A brace lost in a merge once swallowed
// every rule after it: the audit table lost its height and the browser drew a million rows.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import postcss from "postcss";

const css = readFileSync(new URL("../src/styles.css", import.meta.url), "utf8");

test("styles.css parses, with no block left open", () => {
  assert.doesNotThrow(() => postcss.parse(css));
});

test("styles.css nests no style rule inside another", () => {
  /** @type {string[]} */
  const nested = [];
  postcss.parse(css).walkRules((rule) => {
    if (rule.parent?.type === "rule") nested.push(`${rule.parent.selector} > ${rule.selector}`);
  });
  assert.deepEqual(nested, []);
});

test("styles.css defines each top-level selector once", () => {
  /** @type {Map<string, number>} */
  const seen = new Map();
  postcss.parse(css).each((node) => {
    if (node.type === "rule") seen.set(node.selector, (seen.get(node.selector) ?? 0) + 1);
  });
  assert.deepEqual([...seen].filter(([, n]) => n > 1).map(([selector]) => selector), []);
});
