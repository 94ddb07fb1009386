// describeValue: the `(got ...)` of error messages.
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../src/core/errors.js';

describe('describeValue', () => {
  it('writes values as their source would', () => {
    expect(describeValue('a')).toBe('"a"');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1, 2])).toBe('[1,2]');
    expect(describeValue(3n)).toBe('3n');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
  });

  it('says a boxed primitive is an object, so that it does not read as a valid value', () => {
    expect(describeValue(new Number(0.25))).toBe('a Number object holding 0.25');
    expect(describeValue(new String('a'))).toBe('a String object holding "a"');
    expect(describeValue(Object(3n))).toBe('a BigInt object holding 3n');
    // Its tag alone does not make an object a Number.
    expect(describeValue({ [Symbol.toStringTag]: 'Number' })).toBe('{}');
  });

  it('shows non-finite numbers inside arrays and objects as themselves, not null', () => {
    expect(describeValue([6, Infinity, -Infinity, NaN, null])).toBe(
      '[6,Infinity,-Infinity,NaN,null]',
    );
    expect(describeValue({ a: NaN, b: { c: [Infinity] } })).toBe('{"a":NaN,"b":{"c":[Infinity]}}');
    expect(describeValue(['Infinity'])).toBe('["Infinity"]');
  });
});
