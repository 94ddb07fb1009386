// The specification part of a TSPLIB .tsp file (NAME, TYPE, DIMENSION, EDGE_WEIGHT_TYPE, ...):
// its keywords and how each one's value is checked and kept.
import { parseNumber } from '../instances.js';
import {
  COORDINATE_WEIGHT_TYPES,
  EDGE_WEIGHT_FORMATS,
  type CoordinateWeightType,
  type EdgeWeightFormat,
  type EdgeWeightType,
} from './distances.js';

/** The specification keywords of a .tsp file. */
export const SPECIFICATION_KEYS = [
  'NAME',
  'TYPE',
  'COMMENT',
  'DIMENSION',
  'CAPACITY',
  'EDGE_WEIGHT_TYPE',
  'EDGE_WEIGHT_FORMAT',
  'EDGE_DATA_FORMAT',
  'NODE_COORD_TYPE',
  'DISPLAY_DATA_TYPE',
];

/** What the specification lines of a .tsp file have said so far. */
export interface Header {
  name?: string;
  comments: string[];
  dimension?: number;
  type?: EdgeWeightType;
  format?: EdgeWeightFormat;
  coordinateType?: 2 | 3 | 0;
}

/** Checks and keeps the value of one specification keyword; `fail` reports a bad value. */
export function readSpecification(
  header: Header,
  key: string,
  value: string,
  fail: (message: string) => never,
): void {
  switch (key) {
    case 'NAME':
      header.name = value;
      return;
    case 'COMMENT':
      if (value !== '') header.comments.push(value);
      return;
    case 'TYPE':
      if (value.toUpperCase() !== 'TSP') {
        fail(`TYPE must be TSP (got '${value}'): only symmetric TSP instances are supported`);
      }
      return;
    case 'DIMENSION': {
      const n = parseNumber(value);
      if (n === undefined || !Number.isInteger(n) || n < 3) {
        fail(`DIMENSION must be an integer >= 3 (got '${value}')`);
      }
      header.dimension = n;
      return;
    }
    case 'EDGE_WEIGHT_TYPE': {
      const type = value.toUpperCase();
      if (type !== 'EXPLICIT' && !COORDINATE_WEIGHT_TYPES.includes(type as CoordinateWeightType)) {
        fail(
          `EDGE_WEIGHT_TYPE must be one of ${[...COORDINATE_WEIGHT_TYPES, 'EXPLICIT'].join(', ')} (got '${value}')`,
        );
      }
      header.type = type as EdgeWeightType;
      return;
    }
    case 'EDGE_WEIGHT_FORMAT': {
      const format = value.toUpperCase();
      if (format === 'FUNCTION') return;
      if (!EDGE_WEIGHT_FORMATS.includes(format as EdgeWeightFormat)) {
        fail(
          `EDGE_WEIGHT_FORMAT must be one of FUNCTION, ${EDGE_WEIGHT_FORMATS.join(', ')} (got '${value}')`,
        );
      }
      header.format = format as EdgeWeightFormat;
      return;
    }
    case 'NODE_COORD_TYPE': {
      const kinds: Record<string, 2 | 3 | 0> = { TWOD_COORDS: 2, THREED_COORDS: 3, NO_COORDS: 0 };
      const kind = kinds[value.toUpperCase()];
      if (kind === undefined) {
        fail(
          `NODE_COORD_TYPE must be one of TWOD_COORDS, THREED_COORDS, NO_COORDS (got '${value}')`,
        );
      }
      header.coordinateType = kind;
      return;
    }
    default:
      // CAPACITY, EDGE_DATA_FORMAT, DISPLAY_DATA_TYPE: not used by the TSP.
      return;
  }
}
