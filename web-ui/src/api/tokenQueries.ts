import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { tokenApi } from './client';
import type { CreateApiTokenRequest } from './types';

const TOKENS = ['api-tokens'] as const;

/** The signed-in person's API tokens, revoked and expired ones included, newest first. */
export function useApiTokens() {
  return useQuery({ queryKey: TOKENS, queryFn: tokenApi.tokens });
}

/** Creates a token; the answer holds its secret, which is never shown again. */
export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateApiTokenRequest) => tokenApi.createToken(request),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => tokenApi.revokeToken(id),
    onSettled: () => client.invalidateQueries({ queryKey: TOKENS }),
  });
}
