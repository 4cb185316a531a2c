/** A bell, drawn inline (not every system has an emoji font). */
export function BellIcon() {
  return (
    <svg className="bell-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden focusable="false">
      <path
        d="M8 1.5a4 4 0 0 0-4 4v2.6L2.6 11h10.8L12 8.1V5.5a4 4 0 0 0-4-4zM6.3 12.5a1.8 1.8 0 0 0 3.4 0z"
        fill="currentColor"
      />
    </svg>
  );
}
