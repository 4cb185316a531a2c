import { Link, Navigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useSessionTranscript } from '../../api/conversationQueries';
import { Empty, Failure, Loading } from '../../components/StateViews';

/** A session's transcript: the archived conversation of its agent, opened as any conversation is. */
export function SessionTranscriptPage() {
  const { id = '' } = useParams();
  const transcript = useSessionTranscript(id);
  if (transcript.isPending) return <div className="page"><Loading what="the transcript" /></div>;
  if (transcript.isError) {
    const missing = transcript.error instanceof ApiError && transcript.error.status === 404;
    return (
      <div className="page">
        {missing ? (
          <Empty>
            <p>No transcript of this session has been archived (yet).</p>
            <Link to={`/sessions/${id}`} className="button">
              Back to the session
            </Link>
          </Empty>
        ) : (
          <Failure error={transcript.error} onRetry={() => void transcript.refetch()} />
        )}
      </div>
    );
  }
  return <Navigate to={`/conversations/${transcript.data.id}`} replace />;
}
