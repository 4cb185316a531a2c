import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditApi, type AuditQuery } from './client';

/** One page of the audit trail for `query`; the previous page stays shown while the next one loads. */
export function useAuditPage(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => auditApi.page(query),
    placeholderData: keepPreviousData,
  });
}
