import { classify, TAXONOMY_VERSION } from '@pulse/taxonomy';
import type { ItemClassifier } from '@pulse/db';

/** The pure taxonomy, in the shape the shared classify-and-store step takes. */
export const ITEM_CLASSIFIER = Symbol('classifier.item-classifier');
export const taxonomyClassifier: ItemClassifier = { version: TAXONOMY_VERSION, classify };
