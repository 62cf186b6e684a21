import type { Plugin } from "vite";

export type StartupBudgets = {
  /** The entry chunk: the console's own code, i18next, TanStack Query and the shell's English. */
  main: number;
  /** Everything the window loads before its first panel: the entry chunk and every chunk it imports statically. */
  startup: number;
};

/**
 * Fails the build when the entry chunk or the whole start-up JavaScript exceeds its budget,
 * minified. React and React DOM have a vendor chunk of their own that the entry imports
 * statically, so it loads at start too: it is outside the main chunk's budget and inside the
 * start-up one. Panels, the signed-out screens, the strings loaded with them, ECharts,
 * FullCalendar and the other languages are loaded on demand and not counted.
 */
export function startupBudget(budgets: StartupBudgets): Plugin {
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
      const bytes = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + Buffer.byteLength(chunks.get(file)?.code ?? ""), 0);
      const kB = (size: number) => `${(size / 1000).toFixed(1)} kB`;
      const checks = [
        { what: "main chunk", files: entries.map((c) => c.fileName), limit: budgets.main },
        { what: "start-up JavaScript", files: [...seen], limit: budgets.startup },
      ];
      for (const { what, files, limit } of checks) {
        const size = bytes(files);
        const message = `${what} ${kB(size)} (${files.join(", ")}), budget ${kB(limit)}`;
        if (size > limit) this.error(`${message}: load more of it on demand`);
        this.info(message);
      }
    },
  };
}
