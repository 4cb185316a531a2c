import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useInbox, useNotificationSettings, useSaveNotificationSettings } from '../../api/notifyQueries';
import { useMe } from '../../api/queries';
import type { FailedWebhook, InboxItem } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { fullTime } from '../../modules/format/format';
import { place, waited } from '../../modules/notify/attention';
import { DecisionButtons } from '../../modules/notify/DecisionButtons';
import { MuteButton } from '../../modules/notify/MuteButton';
import '../../modules/notify/notify.css';

/** Re-renders every few seconds, so "waited" stays true. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * The sessions whose agents wait for a person, longest waiting first: where each runs, what it asks,
 * how long it waited; Allow and Deny for those who may type into sessions; Mute; and this person's
 * browser notifications and webhook.
 */
export function InboxPage() {
  const inbox = useInbox();
  const me = useMe();
  const canDecide = me.data?.roles.some((role) => role === 'admin' || role === 'operator') ?? false;
  const now = useNow(5000);
  return (
    <div className="page">
      <h1>Inbox</h1>
      <p className="muted">Sessions whose agents wait for a person: a command to allow, a question to answer.</p>
      <NotificationSettings />
      {inbox.isPending ? (
        <Loading what="the inbox" />
      ) : inbox.isError ? (
        <Failure error={inbox.error} onRetry={() => inbox.refetch()} />
      ) : inbox.data.length === 0 ? (
        <Empty>Nothing waits for you.</Empty>
      ) : (
        <ul className="inbox-list" data-testid="inbox-list">
          {inbox.data.map((item) => (
            <InboxEntry key={item.sessionId} item={item} canDecide={canDecide} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}

function InboxEntry({ item, canDecide, now }: { item: InboxItem; canDecide: boolean; now: number }) {
  return (
    <li
      className={`inbox-item${item.muted ? ' inbox-item-muted' : ''}`}
      data-testid="inbox-item"
      data-session={item.sessionId}
      data-state={item.state}
    >
      <div className="inbox-item-head">
        <Badge tone="warn">{item.state === 'needs-approval' ? 'needs approval' : 'needs answer'}</Badge>
        <Link to={`/sessions/${item.sessionId}`} data-testid="inbox-open">
          {item.task ?? item.profile ?? 'session'}
        </Link>
        <span className="muted" data-testid="inbox-place">
          {place(item)}
        </span>
        <span className="muted" title={`since ${fullTime(item.since)}`} data-testid="inbox-waited">
          waiting {waited(item.since, now)}
        </span>
        {item.muted && <Badge tone="muted">muted</Badge>}
      </div>
      {item.detail && (
        <p className="mono inbox-item-detail" data-testid="inbox-detail">
          {item.detail}
        </p>
      )}
      <div className="inbox-item-head">
        {canDecide && <DecisionButtons sessionId={item.sessionId} />}
        <MuteButton sessionId={item.sessionId} muted={item.muted} />
      </div>
    </li>
  );
}

/** Browser notifications (asked from this click, once) and the person's webhook. */
function NotificationSettings() {
  const settings = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  const [webhook, setWebhook] = useState<string | null>(null);
  const shown = webhook ?? settings.data?.webhookUrl ?? '';
  const ask = () => {
    void Notification.requestPermission().then(setPermission);
  };
  return (
    <section className="section inbox-settings" aria-label="Notification settings">
      {permission === 'default' && (
        <button type="button" className="button button-small" onClick={ask} data-testid="notifications-enable">
          Enable browser notifications
        </button>
      )}
      {permission === 'granted' && <span className="muted" data-testid="notifications-on">Browser notifications are on.</span>}
      {permission === 'denied' && (
        <span className="muted">Browser notifications are blocked for this site in your browser.</span>
      )}
      <form
        className="inbox-settings"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(
            { webhookUrl: shown.trim() === '' ? null : shown.trim() },
            { onSuccess: () => setWebhook(null) },
          );
        }}
      >
        <input
          type="url"
          placeholder="Webhook URL (Slack, ntfy…)"
          aria-label="Webhook URL"
          value={shown}
          onChange={(event) => setWebhook(event.target.value)}
          data-testid="webhook-url"
        />
        <button type="submit" className="button button-small" disabled={save.isPending} data-testid="webhook-save">
          Save webhook
        </button>
        {save.isError && <span className="decision-error">{errorMessage(save.error)}</span>}
      </form>
      <FailedWebhooks failed={settings.data?.failedWebhooks ?? []} />
    </section>
  );
}

/** The person's webhook notifications that never arrived, newest first, each with its last error. */
function FailedWebhooks({ failed }: { failed: FailedWebhook[] }) {
  if (failed.length === 0) return null;
  return (
    <details className="inbox-failed" data-testid="webhook-failures">
      <summary>
        {failed.length === 1 ? '1 webhook notification' : `${failed.length} webhook notifications`} did not arrive
      </summary>
      <ul>
        {failed.map((item) => (
          <li key={`${item.sessionId}|${item.since}|${item.state}`}>
            <time dateTime={item.failedAt} title={fullTime(item.failedAt)}>
              {fullTime(item.failedAt)}
            </time>{' '}
            <Link to={`/sessions/${item.sessionId}`}>{item.sessionId.slice(0, 8)}</Link> {item.state}: gave up after{' '}
            {item.attempts} attempts, <span className="decision-error">{item.lastError}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
