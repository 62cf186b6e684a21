import type { Plugin } from "vite";

/**
 * Fails the build when the JavaScript the window loads before its first panel (the entry
 * chunk and every chunk it imports statically) exceeds `limit` bytes, minified. Panels,
 * ECharts, FullCalendar and the other languages are loaded on demand and not counted.
 */
export function startupBudget(limit: number): Plugin {
  return {
    name: "startup-budget",
    apply: "build",
    generateBundle(_, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === "chunk" ? [[c.fileName, c] as const] : [])));
      const entries = [...chunks.values()].filter((c) => c.isEntry);
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const next of chunks.get(file)?.imports ?? []) visit(next);
      };
      entries.forEach((c) => visit(c.fileName));
      const size = [...seen].reduce((sum, file) => sum + Buffer.byteLength(chunks.get(file)?.code ?? ""), 0);
      const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
      const message = `start-up JavaScript ${kB(size)} (${[...seen].join(", ")}), budget ${kB(limit)}`;
      if (size > limit) this.error(`${message}: load more of it on demand`);
      this.info(message);
    },
  };
}
