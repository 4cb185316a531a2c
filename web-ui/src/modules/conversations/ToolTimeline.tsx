import type { TimelineEntry } from './thread';
import './conversations.css';

/**
 * The tool calls in the order they were made (sub-agents' too, marked), failed ones in red; picking one shows it in
 * the conversation.
 */
export function ToolTimeline({
  entries,
  open,
  onPick,
}: {
  entries: TimelineEntry[];
  open: boolean;
  onPick: (seq: number) => void;
}) {
  const failed = entries.filter((entry) => entry.error).length;
  return (
    <details className="tool-timeline" data-testid="tool-timeline" open={open}>
      <summary>
        Tools · {entries.length} {entries.length === 1 ? 'call' : 'calls'}
        {failed > 0 && <span className="timeline-failed"> · {failed} failed</span>}
      </summary>
      {entries.length === 0 ? (
        <p className="muted">No tool calls yet.</p>
      ) : (
        <ol className="timeline-list">
          {entries.map((entry, i) => (
            <li key={entry.seq}>
              <button
                type="button"
                className={`timeline-entry${entry.error ? ' timeline-entry-error' : ''}`}
                data-testid="timeline-entry"
                data-error={entry.error}
                title={entry.subagentId ? `In sub-agent ${entry.subagentId}` : undefined}
                onClick={() => onPick(entry.seq)}
              >
                <span className="timeline-index">{i + 1}</span>
                <span className="timeline-name">{entry.name}</span>
                {entry.subagentId && <span className="timeline-sub">sub</span>}
                {entry.error && <span aria-label="failed"> ✕</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
