import { z } from 'zod';

export const serviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  validityMonths: z.number(),
});
export type Service = z.infer<typeof serviceSchema>;

export const contractSchema = z.object({
  id: z.string(),
  number: z.string(),
  signedOn: z.string(),
  quantity: z.number(),
  usedQuantity: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  isActive: z.boolean(),
  services: z.array(serviceSchema),
});
export type Contract = z.infer<typeof contractSchema>;

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  edrpou: z.string(),
  contracts: z.array(contractSchema),
});
export type Organization = z.infer<typeof organizationSchema>;

export const organizationListSchema = z.object({ items: z.array(organizationSchema) });
