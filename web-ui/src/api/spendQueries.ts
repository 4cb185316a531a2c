import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { spendApi, type SpendQuery } from './client';
import { LIVE_SAFETY_MS, liveEventsConnected } from './live';

/**
 * How often an open spend page asks again while the event socket is down. While it is live, a pushed change of a
 * session's usage asks again (liveCache.ts), and this is only a safety net.
 */
const SPEND_POLL_MS = 30_000;
const spendRefresh = () => (liveEventsConnected() ? LIVE_SAFETY_MS : SPEND_POLL_MS);

export function useSpendSummary() {
  return useQuery({ queryKey: ['spend', 'summary'], queryFn: spendApi.summary, refetchInterval: spendRefresh });
}

/** A spend report; `enabled` false leaves it unasked (a drill-down nobody opened). */
export function useSpendReport(query: SpendQuery, enabled = true) {
  return useQuery({
    queryKey: ['spend', 'report', query],
    queryFn: () => spendApi.report(query),
    refetchInterval: spendRefresh,
    placeholderData: keepPreviousData,
    enabled,
  });
}
