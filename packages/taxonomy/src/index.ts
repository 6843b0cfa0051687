export { LANGUAGES, isLanguage, toLanguage, type Language } from './languages';
export { THEME_IDS, THEMES, themeText, type ThemeDefinition, type ThemeId, type ThemeText } from './themes';
export { TAXONOMY_VERSION } from './version';
export { detectLanguage, type LanguageGuess } from './language-detector';
export { fold, tokenize } from './text';
export {
  analyse,
  classify,
  type Analysis,
  type AnalyseOptions,
  type Classification,
  type ClassifyInput,
  type ClassifyOptions,
  type Evidence,
  type EvidenceField,
  type ThemeScore,
} from './classifier';
export { THRESHOLDS, SCORE_SCALE } from './thresholds.data';
