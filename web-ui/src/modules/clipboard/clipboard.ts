// Writing the clipboard from the page. `navigator.clipboard` exists only in secure contexts
// (https, localhost): a hub opened over plain http on a LAN address has none, and copying would
// silently do nothing. There the copy command still works during a user gesture (a key press, a
// click), with the text handed to the copy event it fires.

/** What writing the clipboard needs from the browser (the real one by default). */
export interface ClipboardHost {
  clipboard?: { writeText(text: string): Promise<void> };
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'execCommand'>;
}

function browser(): ClipboardHost {
  return {
    clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard,
    document: typeof document === 'undefined' ? undefined : document,
  };
}

/** Puts `text` on the clipboard; resolves to whether it got there. */
export async function copyText(text: string, host: ClipboardHost = browser()): Promise<boolean> {
  if (host.clipboard) {
    try {
      await host.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no focus, no permission): the copy command may still be allowed.
    }
  }
  return copyWithCommand(text, host);
}

function copyWithCommand(text: string, host: ClipboardHost): boolean {
  const doc = host.document;
  if (!doc) return false;
  let handed = false;
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', text);
    event.preventDefault();
    handed = event.clipboardData !== null;
  };
  doc.addEventListener('copy', onCopy, true);
  try {
    return doc.execCommand('copy') && handed;
  } catch {
    return false;
  } finally {
    doc.removeEventListener('copy', onCopy, true);
  }
}
