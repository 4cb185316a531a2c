import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { budgetApi } from './client';
import { POLL_MS } from './queries';
import type { SessionBudgetRequest } from './types';

/** The budget events after `since` (an ISO instant), asked again every few seconds. */
export function useBudgetEvents(since: string) {
  return useQuery({
    queryKey: ['budget-events', since],
    queryFn: () => budgetApi.events(since),
    refetchInterval: POLL_MS,
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
