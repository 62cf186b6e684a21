export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path d="M9 22V12l7-4 7 4v10l-7 4z" fill="none" stroke="var(--accent-contrast)" strokeWidth="2" />
      <path d="M16 16v10M9 12l7 4 7-4" fill="none" stroke="var(--accent-contrast)" strokeWidth="2" />
    </svg>
  );
}
