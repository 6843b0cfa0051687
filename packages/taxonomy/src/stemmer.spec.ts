import { STEMMERS } from './stemmer';
import type { Language } from './languages';
import { fold } from './text';

const same: [Language, string[]][] = [
  ['en', ['refugee', 'refugees', 'refugee’s'.replace('’s', '')]],
  ['en', ['smuggling', 'smuggled', 'smuggler', 'smugglers']],
  ['en', ['returns', 'return', 'returned', 'returning']],
  ['fr', ['réfugié', 'réfugiés', 'réfugiée', 'réfugiées']],
  ['fr', ['irrégulier', 'irréguliers', 'irrégulière', 'irrégulières']],
  ['de', ['Flüchtling', 'Flüchtlinge', 'Flüchtlingen']],
  ['de', ['Grenze', 'Grenzen']],
  ['it', ['rifugiato', 'rifugiati', 'rifugiata', 'rifugiate']],
  ['it', ['rimpatrio', 'rimpatri']],
  ['it', ['sbarco', 'sbarchi']],
  ['es', ['refugiado', 'refugiados', 'refugiada', 'refugiadas']],
  ['es', ['migración', 'migraciones']],
  ['pl', ['migracja', 'migracji', 'migrację', 'migracją']],
  ['pl', ['uchodźca', 'uchodźcy', 'uchodźców', 'uchodźcami']],
  ['pl', ['międzynarodowa', 'międzynarodowej', 'międzynarodowy']],
  ['nl', ['vluchteling', 'vluchtelingen']],
  ['nl', ['grens', 'grenzen']],
];

describe('stemmers', () => {
  it.each(same)('%s: %j share one stem', (language, words) => {
    const stems = new Set(words.map((w) => STEMMERS[language](fold(w))));
    expect(stems.size).toBe(1);
  });

  it('leave short words alone', () => {
    for (const language of Object.keys(STEMMERS) as Language[]) expect(STEMMERS[language]('eu')).toBe('eu');
  });
});
