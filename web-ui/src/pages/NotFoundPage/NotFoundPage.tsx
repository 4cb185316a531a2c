import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <div className="page">
      <div className="state state-empty">
        <p>There is no page here.</p>
        <Link to="/" className="button">
          Back to the fleet
        </Link>
      </div>
    </div>
  );
}
