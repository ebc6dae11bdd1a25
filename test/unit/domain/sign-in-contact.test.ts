import { describe, expect, it } from 'vitest';
import { contactKey, personByContact } from '../../../shared/domain/sign-in-contact';
import { exampleConfig } from '../../support/fakes';

describe('the roster person a sign-in contact names', () => {
  it.each([
    ['priya@lonestar.example.com', 'priya', 'email'],
    ['  PRIYA@LoneStar.Example.com ', 'priya', 'email'],
    ['(512) 555-0108', 'priya', 'sms'],
    ['+1 512 555 0108', 'priya', 'sms'],
  ])('%s names %s, reached by %s', (text, id, channel) => {
    // Prepare / Act
    const match = personByContact(exampleConfig(), text);

    // Assess
    expect(match?.person.id).toBe(id);
    expect(match?.channel).toBe(channel);
  });

  it.each(['stranger@example.com', '512 555 0000', '', 'priya', `${'a'.repeat(250)}@x.com`])(
    '%j names nobody',
    (text) => {
      // Prepare / Act / Assess
      expect(personByContact(exampleConfig(), text)).toBeUndefined();
    },
  );

  it('does not match a person who is no longer active', () => {
    // Prepare
    const config = exampleConfig();
    config.roster.people = config.roster.people.map((p) => (p.id === 'priya' ? { ...p, active: false } : p));

    // Act / Assess
    expect(personByContact(config, 'priya@lonestar.example.com')).toBeUndefined();
  });

  it('counts one address however it is typed', () => {
    // Prepare / Act / Assess
    expect(contactKey(exampleConfig(), '(512) 555-0108')).toBe(contactKey(exampleConfig(), '+15125550108'));
    expect(contactKey(exampleConfig(), 'A@B.example')).toBe(contactKey(exampleConfig(), 'a@b.example'));
  });
});
