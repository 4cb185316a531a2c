import { useState } from 'react';
import { auditApi, type AuditQuery } from '../../api/client';
import { useAuditPage } from '../../api/auditQueries';
import { useMe } from '../../api/queries';
import { Empty } from '../../components/StateViews';
import { AuditPageView, type AuditFilters } from './AuditPageView';

const PAGE_SIZE = 50;

const NO_FILTERS: AuditFilters = { actor: '', action: '', target: '', from: '', to: '', q: '' };

/** A local date and time from a datetime-local field as an ISO instant; undefined when empty. */
function instant(local: string): string | undefined {
  return local === '' ? undefined : new Date(local).toISOString();
}

function query(filters: AuditFilters, page: number): AuditQuery {
  const given = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    actor: given(filters.actor),
    action: given(filters.action),
    target: given(filters.target),
    q: given(filters.q),
    from: instant(filters.from),
    to: instant(filters.to),
    limit: PAGE_SIZE,
    page,
  };
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Admins search the audit trail here, page through it and export it; others are told it is not theirs. */
export function AuditPage() {
  const me = useMe();
  if (!(me.data?.roles.includes('admin') ?? false)) {
    return (
      <div className="page">
        <h1>Audit</h1>
        <Empty>Only administrators read the audit trail.</Empty>
      </div>
    );
  }
  return <AdminAuditPage />;
}

function AdminAuditPage() {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [exportError, setExportError] = useState<unknown>(null);
  const current = query(filters, page);
  const found = useAuditPage(current);

  const exportAs = (format: 'csv' | 'json') => {
    setExportError(null);
    auditApi.export(current, format).then(
      (blob) => download(blob, `drover-audit.${format}`),
      (error: unknown) => setExportError(error),
    );
  };

  return (
    <AuditPageView
      filters={filters}
      onFiltersChange={(next) => {
        setFilters(next);
        setPage(1);
      }}
      entries={found.data?.entries}
      total={found.data?.total ?? 0}
      loading={found.isPending}
      error={found.error ?? exportError}
      onRetry={() => found.refetch()}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      onExport={exportAs}
    />
  );
}
