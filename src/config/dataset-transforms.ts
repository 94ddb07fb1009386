// The `transform` and `classes` fields of configs that name a dataset: their JSON Schema and
// their application to the loaded dataset (transfer tasks: mirrored, inverted or permuted images,
// selected or merged classes).
import type { JsonSchema } from '../core/solver.js';
import type { Dataset } from '../training/data/dataset.js';
import {
  selectClasses,
  transformDataset,
  type ClassSelection,
  type ImageTransform,
} from '../training/data/transforms.js';

/** The fields as a config holds them. */
export interface DatasetTransformFields {
  /** An image transform applied to every sample. */
  transform?: ImageTransform;
  /** Classes to keep, relabelled in this order; an inner list merges classes. */
  classes?: ClassSelection;
}

/** JSON Schema properties of the fields. */
export function datasetTransformProperties(): Record<string, JsonSchema> {
  return {
    transform: {
      type: 'object',
      description:
        'A transform of square images (digits 8x8, Fashion-MNIST 28x28): mirror (left-right), invert (min + max - x), permute-pixels (a fixed random permutation).',
      required: ['type'],
      properties: {
        type: { enum: ['mirror', 'invert', 'permute-pixels'] },
        seed: { type: 'integer', description: "Seed of permute-pixels' permutation (default 1)." },
      },
      additionalProperties: false,
    },
    classes: {
      type: 'array',
      minItems: 2,
      description:
        'Classes to keep, by name, relabelled in this order; a list of names merges those classes into one.',
      items: {
        anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
      },
    },
  };
}

/**
 * `dataset` with the config's transform and class selection applied; a mistake is an OptionError
 * at the field's path (`/classes/1`), for `where` (the config).
 */
export function applyDatasetTransforms(
  dataset: Dataset,
  fields: DatasetTransformFields,
  where: string,
): Dataset {
  let result = dataset;
  if (fields.transform !== undefined) result = transformDataset(result, fields.transform, where);
  if (fields.classes !== undefined) result = selectClasses(result, fields.classes, where);
  return result;
}
