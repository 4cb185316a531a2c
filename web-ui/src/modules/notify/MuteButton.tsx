import { useMute } from '../../api/notifyQueries';

/** Mutes or unmutes a session for the signed-in person: no notifications of it, not counted. */
export function MuteButton({ sessionId, muted }: { sessionId: string; muted: boolean }) {
  const mute = useMute(sessionId);
  return (
    <button
      type="button"
      className="button button-small button-ghost"
      aria-pressed={muted}
      disabled={mute.isPending}
      onClick={() => mute.mutate(!muted)}
      data-testid="mute"
      title={muted ? 'Notify me about this session again' : 'No notifications of this session, not counted'}
    >
      {muted ? 'Unmute' : 'Mute'}
    </button>
  );
}
