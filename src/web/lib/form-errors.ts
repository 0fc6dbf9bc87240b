import type { FormErrors, UseFormReturnType } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { $ZodType } from 'zod/v4/core';
import { isProblem } from '../app/api-client';

/**
 * Puts the server's field errors (`errors[].field`) next to the form's fields. Returns the
 * messages that belong to no field of this form, for an Alert above it. `aliases` maps a server
 * field name to the form's (the person lookup calls the identity code `code`).
 */
export function applyServerErrors<V extends Record<string, unknown>>(
  form: Pick<UseFormReturnType<V>, 'setErrors' | 'getValues'>,
  error: unknown,
  aliases: Record<string, string> = {},
): string[] {
  if (!isProblem(error) || error.errors.length === 0) return [];
  const known = new Set(Object.keys(form.getValues()));
  const fieldErrors: FormErrors = {};
  const rest: string[] = [];
  for (const { field, message } of error.errors) {
    const name = aliases[field] ?? field.replace(/^body\./, '');
    if (known.has(name)) {
      if (!fieldErrors[name]) fieldErrors[name] = message;
    } else {
      rest.push(message);
    }
  }
  form.setErrors(fieldErrors);
  // The field may be in another card, off screen: bring it into view.
  if (Object.keys(fieldErrors).length > 0) focusFirstError();
  return rest;
}

/**
 * A zod resolver's result with friendlier messages for empty required choices: an empty select
 * fails the shared schema as "Невірний ідентифікатор", while the person needs "Оберіть …".
 */
export function withEmptyMessages<V extends Record<string, unknown>>(
  resolver: (values: V) => FormErrors,
  messages: Partial<Record<keyof V & string, () => string>>,
): (values: V) => FormErrors {
  return (values) => {
    const errors = resolver(values);
    for (const [field, message] of Object.entries(messages) as Array<[string, () => string]>) {
      const value = values[field];
      if (errors[field] && (value === '' || value === null || value === undefined)) errors[field] = message();
    }
    return errors;
  };
}

/**
 * The form's validation from a shared zod schema. The first problem of a field is the one shown:
 * for an empty name that is "Вкажіть прізвище", not the letters rule that also fails.
 */
export function schemaResolver(schema: $ZodType) {
  return zod4Resolver(schema, { errorPriority: 'first' });
}

/** After a failed submit, bring the first field with an error into view and focus it. */
export function focusFirstError(): void {
  window.setTimeout(() => {
    const field = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!field) return;
    field.scrollIntoView({ block: 'center', behavior: 'smooth' });
    field.focus({ preventScroll: true });
  }, 0);
}
