import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CaInfo } from '../../../../shared/contracts/review';
import { apiFetch } from '../../../app/api-client';

export function getCaInfo(): Promise<CaInfo> {
  return apiFetch<CaInfo>('/public/ca');
}

export const caInfoQueryOptions = () => queryOptions({ queryKey: ['public', 'ca'] as const, queryFn: getCaInfo, staleTime: 60_000 });

export function useCaInfo() {
  return useQuery(caInfoQueryOptions());
}

export type { CaInfo };
