import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { budgetApi } from './client';
import { LIVE_SAFETY_MS, liveEventsConnected } from './live';
import { POLL_MS } from './queries';
import type { DayBudgetRequest, SessionBudgetRequest } from './types';

/**
 * The budget events after `since` (an ISO instant). While the event socket is live new ones are pushed
 * (onLiveBudgetEvent) and this asks again only as a safety net and after a reconnect; otherwise every few seconds.
 */
export function useBudgetEvents(since: string) {
  return useQuery({
    queryKey: ['budget-events', since],
    queryFn: () => budgetApi.events(since),
    refetchInterval: () => (liveEventsConnected() ? LIVE_SAFETY_MS : POLL_MS),
  });
}

export function useSetSessionBudget(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SessionBudgetRequest) => budgetApi.setSessionBudget(id, request),
    onSuccess: (session) => {
      client.setQueryData(['sessions', id], session);
      return client.invalidateQueries({ queryKey: ['sessions'], exact: true });
    },
  });
}

/** The day budgets of users and projects with what each spent today. */
export function useDayBudgets() {
  return useQuery({ queryKey: ['day-budgets'], queryFn: budgetApi.dayBudgets, refetchInterval: () => (liveEventsConnected() ? LIVE_SAFETY_MS : POLL_MS) });
}

/** Sets (creates or changes) a user's or project's day budget; admins only. */
export function useSetDayBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: DayBudgetRequest) => budgetApi.setDayBudget(request),
    onSuccess: () => client.invalidateQueries({ queryKey: ['day-budgets'] }),
  });
}

/** Removes a day budget; admins only. */
export function useRemoveDayBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => budgetApi.removeDayBudget(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['day-budgets'] }),
  });
}
