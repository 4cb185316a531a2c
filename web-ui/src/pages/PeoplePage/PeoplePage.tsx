import { useState } from 'react';
import { useMe, usePeople, useUpdatePerson } from '../../api/queries';
import type { Person } from '../../api/types';
import { Empty } from '../../components/StateViews';
import { AddPersonDialog } from '../../modules/people/AddPersonDialog';
import { LoginsDialog } from '../../modules/people/LoginsDialog';
import { RemovePersonDialog } from '../../modules/people/RemovePersonDialog';
import { PeoplePageView } from './PeoplePageView';

/** Admins manage local accounts here; others are told the page is not theirs (the hub refuses them anyway). */
export function PeoplePage() {
  const me = useMe();
  const isAdmin = me.data?.roles.includes('admin') ?? false;
  if (!isAdmin) {
    return (
      <div className="page">
        <h1>People</h1>
        <Empty>Only administrators manage people.</Empty>
      </div>
    );
  }
  return <AdminPeoplePage me={me.data?.username ?? ''} />;
}

function AdminPeoplePage({ me }: { me: string }) {
  const people = usePeople();
  const update = useUpdatePerson();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Person | null>(null);
  const [showingLogins, setShowingLogins] = useState<Person | null>(null);

  return (
    <>
      <PeoplePageView
        people={people.data}
        loading={people.isPending}
        error={people.error}
        onRetry={() => people.refetch()}
        me={me}
        busyId={update.isPending ? (update.variables?.id ?? null) : null}
        changeError={update.error}
        onAdd={() => setAdding(true)}
        onRoleChange={(person, role) => update.mutate({ id: person.id, change: { role } })}
        onDisabledChange={(person, disabled) => update.mutate({ id: person.id, change: { disabled } })}
        onRemove={setRemoving}
        onShowLogins={setShowingLogins}
      />
      {adding && <AddPersonDialog onClose={() => setAdding(false)} />}
      {removing && <RemovePersonDialog person={removing} onClose={() => setRemoving(null)} />}
      {showingLogins && (
        <LoginsDialog
          personId={showingLogins.id}
          username={showingLogins.username}
          onClose={() => setShowingLogins(null)}
        />
      )}
    </>
  );
}
