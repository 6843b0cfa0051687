import type { ThemeLexicon } from './lexicon.types';
import { BORDERS_VISA_SCHENGEN } from './borders-visa-schengen.lexicon';
import { CITIZENSHIP_STATELESSNESS } from './citizenship-statelessness.lexicon';
import { INTEGRATION } from './integration.lexicon';
import { INTERNATIONAL_PROTECTION } from './international-protection.lexicon';
import { IRREGULAR_MIGRATION_SMUGGLING } from './irregular-migration-smuggling.lexicon';
import { LEGAL_MIGRATION } from './legal-migration.lexicon';
import { MIGRATION_DEVELOPMENT } from './migration-development.lexicon';
import { RETURN_READMISSION } from './return-readmission.lexicon';
import { TRAFFICKING } from './trafficking.lexicon';
import { VULNERABLE_GROUPS } from './vulnerable-groups.lexicon';

export { CONTEXT } from './context.lexicon';
export { EXCLUSIONS } from './exclusions.lexicon';
export { MASKS } from './masks.lexicon';
export type { ExclusionRule, LexiconEntry, Terms, ThemeLexicon } from './lexicon.types';

export const THEME_LEXICONS: readonly ThemeLexicon[] = [
  LEGAL_MIGRATION,
  INTERNATIONAL_PROTECTION,
  VULNERABLE_GROUPS,
  INTEGRATION,
  CITIZENSHIP_STATELESSNESS,
  BORDERS_VISA_SCHENGEN,
  IRREGULAR_MIGRATION_SMUGGLING,
  TRAFFICKING,
  RETURN_READMISSION,
  MIGRATION_DEVELOPMENT,
];
