import { type ReactNode, useEffect, useRef } from 'react';
import './Dialog.css';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** The first field a dialog's user would fill in. */
const FIRST_FIELD = 'input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';
/** What Tab stops at. */
const TABBABLE = `${FIRST_FIELD}, button:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])`;

/**
 * Keeps Tab inside the dialog: from its last control to its first and, with Shift, back. A modal
 * <dialog> alone lets Tab leave for the browser's own controls (the page body in some browsers)
 * before it wraps.
 */
function trapTab(dialog: HTMLDialogElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const stops = Array.from(dialog.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (element) => element.getClientRects().length > 0,
  );
  if (stops.length === 0) return;
  const first = stops[0];
  const last = stops[stops.length - 1];
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !dialog.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * A modal dialog (native <dialog>: focus stays inside, Escape closes). Mount it to open it; the
 * field marked `data-autofocus` gets the focus, else the first field.
 */
export function Dialog({ title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    // showModal() focuses the first focusable element (the close button); React's autoFocus ran
    // before the dialog was open, so focus the field meant to have it, else the first field.
    (dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(FIRST_FIELD))?.focus();
    // A close event queued by an earlier close() (React StrictMode re-runs this effect) must
    // not close the dialog that is open again.
    const close = () => {
      if (!dialog.open) onCloseRef.current();
    };
    const onKey = (event: KeyboardEvent) => trapTab(dialog, event);
    dialog.addEventListener('close', close);
    dialog.addEventListener('keydown', onKey);
    return () => {
      dialog.removeEventListener('close', close);
      dialog.removeEventListener('keydown', onKey);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="dialog-title"
      onMouseDown={(event) => {
        if (event.target === ref.current) ref.current?.close();
      }}
    >
      <div className="dialog-body">
        <header className="dialog-header">
          <h2 id="dialog-title">{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
            ×
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
