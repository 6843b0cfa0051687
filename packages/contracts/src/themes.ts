import { z } from 'zod';

/** Persisted theme ids (taxonomy v1). Never rename one: they are stored and sent to webhooks. */
export const THEME_IDS = [
  'legal-migration',
  'international-protection',
  'vulnerable-groups',
  'integration',
  'citizenship-statelessness',
  'borders-visa-schengen',
  'irregular-migration-smuggling',
  'trafficking',
  'return-readmission',
  'migration-development',
] as const;

export const ThemeIdSchema = z.enum(THEME_IDS);
export type ThemeId = z.infer<typeof ThemeIdSchema>;

export const ThemeEvidenceSchema = z.object({
  term: z.string(),
  field: z.enum(['title', 'summary']),
  weight: z.number().optional(),
});
export type ThemeEvidence = z.infer<typeof ThemeEvidenceSchema>;

export const ThemeResultSchema = z.object({
  id: ThemeIdSchema,
  score: z.number().min(0).max(1),
  evidence: z.array(ThemeEvidenceSchema),
});
export type ThemeResult = z.infer<typeof ThemeResultSchema>;
