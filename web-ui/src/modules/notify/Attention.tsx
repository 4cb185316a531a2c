import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { reportViewing } from '../../api/live';
import { useInbox } from '../../api/notifyQueries';
import { counted, faviconUrl, inView, lookingAt, newTransitions, notificationText, pageTitle, transitionKey } from './attention';

function setFavicon(count: number): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.appendChild(link);
  }
  link.type = 'image/svg+xml';
  link.href = faviconUrl(count);
  link.dataset.count = String(count);
}

/**
 * Tells the signed-in person which sessions need them, wherever they are in the app: the tab's title
 * and favicon count them, and each new transition into needs-approval or needs-answer shows one
 * browser notification (when they allowed them), except for a muted session or the one they are
 * looking at. A click on the notification opens the session. The hub is told which session is in view
 * (or none while the tab is hidden), so it sends no webhook about it either (ADR 0034).
 */
export function Attention() {
  const inbox = useInbox();
  const location = useLocation();
  const navigate = useNavigate();
  const seen = useRef(new Set<string>());
  const first = useRef(true);
  const where = useRef(location);
  where.current = location;

  const count = inbox.data ? counted(inbox.data).length : 0;
  useEffect(() => {
    document.title = pageTitle(count);
    setFavicon(count);
  }, [count]);
  useEffect(
    () => () => {
      document.title = pageTitle(0);
      setFavicon(0);
    },
    [],
  );

  useEffect(() => {
    const report = () => reportViewing(inView(where.current, document.visibilityState === 'visible'));
    report();
    document.addEventListener('visibilitychange', report);
    return () => document.removeEventListener('visibilitychange', report);
  }, [location.pathname, location.search]);
  useEffect(() => () => reportViewing(null), []);

  useEffect(() => {
    if (!inbox.data) return;
    const fresh = newTransitions(inbox.data, seen.current, first.current);
    first.current = false;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    for (const item of fresh) {
      if (lookingAt(item.sessionId, where.current, document.visibilityState === 'visible')) continue;
      const { title, body } = notificationText(item);
      const shown = new Notification(title, { body, tag: transitionKey(item) });
      shown.onclick = () => {
        window.focus();
        navigate(`/sessions/${item.sessionId}`);
        shown.close();
      };
    }
  }, [inbox.data, navigate]);

  return null;
}
