/** Asks once for permission to show browser notifications (call it from a click: browsers require one). */
export function askForNotifications(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
    void Notification.requestPermission();
  }
}

/** Shows a browser notification when the person allowed them; answers whether it did. */
export function notify(title: string, body: string, tag: string): boolean {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return false;
  new Notification(title, { body, tag });
  return true;
}
