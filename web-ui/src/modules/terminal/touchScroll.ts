// One-finger vertical swipes scroll the scrollback on touch screens. xterm.js scrolls with the
// wheel and the scrollbar; on phones and tablets a swipe would otherwise select or do nothing.

export interface TouchScrollTarget {
  /** Height of one row in CSS pixels. */
  lineHeight(): number;
  /** Scrolls by `lines` (positive: towards the newest output). */
  scrollLines(lines: number): void;
}

/** Listens on `element` for one-finger swipes; returns the function that removes the listeners. */
export function attachTouchScroll(element: HTMLElement, target: TouchScrollTarget): () => void {
  let lastY: number | null = null;
  let carry = 0;

  const onStart = (event: TouchEvent) => {
    lastY = event.touches.length === 1 ? event.touches[0].clientY : null;
    carry = 0;
  };
  const onMove = (event: TouchEvent) => {
    if (lastY === null || event.touches.length !== 1) return;
    const y = event.touches[0].clientY;
    carry += lastY - y;
    lastY = y;
    const height = Math.max(1, target.lineHeight());
    const lines = Math.trunc(carry / height);
    if (lines !== 0) {
      carry -= lines * height;
      target.scrollLines(lines);
    }
    // The swipe is ours: no page scroll, no second scroll by xterm's own gesture handling.
    if (event.cancelable) event.preventDefault();
    event.stopPropagation();
  };
  const onEnd = () => {
    lastY = null;
    carry = 0;
  };

  const options: AddEventListenerOptions = { capture: true, passive: false };
  element.addEventListener('touchstart', onStart, options);
  element.addEventListener('touchmove', onMove, options);
  element.addEventListener('touchend', onEnd, options);
  element.addEventListener('touchcancel', onEnd, options);
  return () => {
    element.removeEventListener('touchstart', onStart, options);
    element.removeEventListener('touchmove', onMove, options);
    element.removeEventListener('touchend', onEnd, options);
    element.removeEventListener('touchcancel', onEnd, options);
  };
}
