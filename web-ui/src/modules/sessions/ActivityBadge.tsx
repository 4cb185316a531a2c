import type { Session } from '../../api/types';
import { Badge } from '../../components/Badge';
import { shownActivity } from './activity';

/** What the session's agent is doing (working, needs approval, idle…), with since when and why on hover. */
export function ActivityBadge({ session, withDetail = false }: { session: Session; withDetail?: boolean }) {
  const shown = shownActivity(session);
  if (!shown) return null;
  return (
    <span className="activity" data-testid="activity" data-activity={shown.state} title={shown.title}>
      <Badge tone={shown.tone}>{shown.label}</Badge>
      {withDetail && shown.detail && (
        <span className="mono muted activity-detail" data-testid="activity-detail">
          {' '}
          {shown.detail}
        </span>
      )}
    </span>
  );
}
