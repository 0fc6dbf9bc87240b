import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

/**
 * A list's filter kept in the address (so a filtered list can be reloaded, bookmarked and
 * shared), read through the same zod schema the API validates it with: a hand-edited address
 * that does not parse is no filter, not an error.
 */
export function useUrlFilter<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  keys: readonly string[],
  options: { replace?: boolean } = {},
): [z.output<S> | Record<string, never>, (filter: Partial<Record<string, unknown>>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => {
    const raw: Record<string, string> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value) raw[key] = value;
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : {};
  }, [params, schema, keys]);
  const setFilter = (next: Partial<Record<string, unknown>>) => {
    const out = new URLSearchParams();
    for (const key of keys) if (next[key]) out.set(key, String(next[key]));
    setParams(out, { replace: options.replace ?? false });
  };
  return [filter, setFilter];
}
