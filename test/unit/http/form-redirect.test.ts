import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors';
import { formRedirect, MAX_REDIRECT_LENGTH, redirectLocation } from '../../../shared/http/form-redirect';

const HOST = 'api.example.com';
const ALLOWED = ['www.lonestar.example.com'];
const location = (value: string) => {
  const target = formRedirect(value, HOST, ALLOWED);
  return target && redirectLocation(target, { leadId: 'L1', status: 'needs_info' });
};

describe('formRedirect', () => {
  it.each([
    [
      'a configured host',
      'https://www.lonestar.example.com/thanks',
      'https://www.lonestar.example.com/thanks?leadId=L1&status=needs_info',
    ],
    [
      'a configured host, any case',
      'https://WWW.Lonestar.Example.com/t?x=1',
      'https://www.lonestar.example.com/t?x=1&leadId=L1&status=needs_info',
    ],
    [
      'the API’s own host',
      'http://api.example.com/thanks',
      'http://api.example.com/thanks?leadId=L1&status=needs_info',
    ],
    ['a path on this site', '/thanks', '/thanks?leadId=L1&status=needs_info'],
  ])('sends the browser to %s', (_name, value, expected) => {
    expect(location(value)).toBe(expected);
  });

  it('ignores an absent or blank redirect', () => {
    expect(formRedirect(undefined, HOST, ALLOWED)).toBeUndefined();
    expect(formRedirect('', HOST, ALLOWED)).toBeUndefined();
  });

  it.each([
    ['another host', 'https://evil.example/thanks'],
    ['a suffix look-alike', 'https://www.lonestar.example.com.evil.example/'],
    ['a subdomain of a configured host', 'https://x.www.lonestar.example.com/'],
    ['credentials', 'https://www.lonestar.example.com@evil.example/'],
    ['credentials on a good host', 'https://u:p@www.lonestar.example.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hi'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash path', '/\\evil.example'],
    ['a relative path without a slash', 'thanks'],
    ['an overlong URL', `https://www.lonestar.example.com/${'a'.repeat(MAX_REDIRECT_LENGTH)}`],
  ])('refuses %s with a ValidationError on redirect', (_name, value) => {
    expect(() => formRedirect(value, HOST, ALLOWED)).toThrow(ValidationError);
    try {
      formRedirect(value, HOST, ALLOWED);
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe('redirect');
    }
  });
});
