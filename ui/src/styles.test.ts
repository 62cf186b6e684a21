import { readFileSync } from "node:fs";
import { join } from "node:path";
import postcss, { type Rule } from "postcss";
import { describe, expect, it } from "vitest";

// Every panel adds its rules to this one sheet; a brace lost in a merge once swallowed every
// rule after it (the audit table lost its height and the browser drew a million rows).
// Vitest runs from ui/ (its root); CSS imports are emptied in tests, so read the file.
const css = readFileSync(join(process.cwd(), "src/styles.css"), "utf8");

describe("styles.css", () => {
  it("parses, with no block left open", () => {
    expect(css.length).toBeGreaterThan(1000);
    expect(() => postcss.parse(css)).not.toThrow();
  });

  it("nests no style rule inside another", () => {
    const nested: string[] = [];
    postcss.parse(css).walkRules((rule: Rule) => {
      if (rule.parent?.type === "rule") nested.push(`${(rule.parent as Rule).selector} > ${rule.selector}`);
    });
    expect(nested).toEqual([]);
  });

  it("defines each selector once at the top level", () => {
    const seen = new Map<string, number>();
    postcss.parse(css).each((node) => {
      if (node.type === "rule") seen.set(node.selector, (seen.get(node.selector) ?? 0) + 1);
    });
    expect([...seen].filter(([, n]) => n > 1).map(([selector]) => selector)).toEqual([]);
  });
});
