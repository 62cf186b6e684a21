/** A count as the user's language writes it (1 000 000, 1,000,000). */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(value);
}
