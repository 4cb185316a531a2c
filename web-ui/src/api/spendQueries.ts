import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { spendApi, type SpendQuery } from './client';

/** How often an open spend page asks again: usage keeps arriving, but nobody reads spend by the second. */
const SPEND_REFRESH_MS = 30_000;

export function useSpendSummary() {
  return useQuery({ queryKey: ['spend', 'summary'], queryFn: spendApi.summary, refetchInterval: SPEND_REFRESH_MS });
}

/** A spend report; `enabled` false leaves it unasked (a drill-down nobody opened). */
export function useSpendReport(query: SpendQuery, enabled = true) {
  return useQuery({
    queryKey: ['spend', 'report', query],
    queryFn: () => spendApi.report(query),
    refetchInterval: SPEND_REFRESH_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}
