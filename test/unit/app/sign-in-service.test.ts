/**
 * Board sign-in (docs/product-rules.md §8, §10) on in-memory fakes: link requests (same answer for everyone, rate
 * limits, one request id each), using a link once, sessions and sign-out; and the notifier's sender,
 * which sends each request's link once however often SQS delivers it.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../local/manual-clock';
import { SignInSender } from '../../../shared/app/sign-in-sender';
import { SignInService } from '../../../shared/app/sign-in-service';
import type { AppConfig } from '../../../shared/domain/config';
import { hashToken, newLinkToken } from '../../../shared/link-tokens';
import type { SignInMessage } from '../../../shared/ports';
import { BOARD } from '../../../shared/settings';
import {
  exampleConfig,
  InMemoryClaimStore,
  InMemorySessionStore,
  RecordingQueue,
  staticConfig,
} from '../../support/fakes';
import { BASE_URL, RecordingEmail, RecordingSms, WEDNESDAY_10AM } from './support';

/** The example roster, with Kelly no longer active. */
const withKellyGone = (): AppConfig => {
  const config = exampleConfig();
  const people = config.roster.people.map((p) => (p.id === 'kelly' ? { ...p, active: false } : p));
  return { ...config, roster: { ...config.roster, people } };
};

const setup = () => {
  const clock = new ManualClock(WEDNESDAY_10AM);
  const sessions = new InMemorySessionStore();
  const queue = new RecordingQueue();
  const config = staticConfig(withKellyGone());
  const claims = new InMemoryClaimStore();
  const sms = new RecordingSms();
  const email = new RecordingEmail();
  const service = new SignInService({ sessions, config, clock, queue });
  const sender = new SignInSender({ sessions, claims, config, clock, sms, email, publicBaseUrl: BASE_URL });
  const queued = () => queue.sent.map((sent) => sent.message as SignInMessage);
  return { clock, sessions, queue, claims, sms, email, service, sender, queued };
};

/** A sign-in link for `personId` as the sender stores it; returns the token. */
const storedLink = async (sessions: InMemorySessionStore, personId: string, now: Date): Promise<string> => {
  const token = newLinkToken();
  await sessions.putSignInToken({
    tokenHash: hashToken(token),
    personId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + BOARD.signInLinkMinutes * 60_000).toISOString(),
  });
  return token;
};

describe('SignInService.requestLink', () => {
  it('queues one link on the urgent lane for a roster person, by email (any case) or phone, each with its own request id', async () => {
    // Prepare
    const { service, queue, queued } = setup();

    // Act
    await service.requestLink('Priya@LoneStar.example.com');
    await service.requestLink('(512) 555-0105');

    // Assess
    expect(queue.sent.map((sent) => sent.queue)).toEqual(['notify-urgent', 'notify-urgent']);
    const [priya, tomas] = queued();
    expect(priya).toMatchObject({ type: 'sign_in', recipientId: 'priya', channel: 'email' });
    expect(tomas).toMatchObject({ type: 'sign_in', recipientId: 'tomas', channel: 'sms' });
    expect(priya?.requestId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(priya?.requestId).not.toBe(tomas?.requestId);
  });

  it('queues nothing for an unknown contact, an inactive person or blank text', async () => {
    // Prepare
    const { service, queued } = setup();

    // Act
    await service.requestLink('stranger@example.com');
    await service.requestLink('kelly@lonestar.example.com');
    await service.requestLink('   ');

    // Assess
    expect(queued()).toEqual([]);
  });

  it('stops at the per-person limit within a window, and starts again in the next window', async () => {
    // Prepare
    const { service, clock, queued } = setup();

    // Act
    for (let i = 0; i < BOARD.signInRequestsPerWindow + 1; i += 1)
      await service.requestLink('+1 512 555 0108');
    await service.requestLink('priya@lonestar.example.com');
    const inWindow = queued().length;
    clock.advance(BOARD.signInWindowMinutes * 60);
    await service.requestLink('priya@lonestar.example.com');

    // Assess
    expect(inWindow).toBe(BOARD.signInRequestsPerWindow);
    expect(queued()).toHaveLength(BOARD.signInRequestsPerWindow + 1);
  });
});

describe('SignInService: links, sessions, sign-out', () => {
  it('a link works once: it opens (GET) without being used, then signs in, then never again', async () => {
    // Prepare
    const { service, sessions, clock } = setup();
    const token = await storedLink(sessions, 'priya', clock.now());

    // Act
    const before = await service.linkWorks(token);
    const first = await service.signIn(token);
    const second = await service.signIn(token);

    // Assess
    expect(before).toBe(true);
    expect(first?.cookieValue).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first?.expiresAt.toISOString()).toBe(
      new Date(clock.now().getTime() + BOARD.sessionHours * 3_600_000).toISOString(),
    );
    expect(second).toBeUndefined();
    expect(await service.linkWorks(token)).toBe(false);
    expect(sessions.sessions.size).toBe(1);
  });

  it('refuses an expired link, a malformed one, and a link of someone no longer on the roster', async () => {
    // Prepare
    const { service, sessions, clock } = setup();
    const late = await storedLink(sessions, 'priya', clock.now());
    const gone = await storedLink(sessions, 'kelly', clock.now());

    // Act
    clock.advance(BOARD.signInLinkMinutes * 60 + 1);
    const expired = await service.signIn(late);
    const malformed = await service.signIn('not-a-token');
    const inactive = await service.signIn(gone);

    // Assess
    expect([expired, malformed, inactive]).toEqual([undefined, undefined, undefined]);
    expect(await service.linkWorks('not-a-token')).toBe(false);
    expect(sessions.sessions.size).toBe(0);
  });

  it('knows the person while the session lasts; sign-out or the end of the session forgets them', async () => {
    // Prepare
    const { service, sessions, clock } = setup();
    const first = await service.signIn(await storedLink(sessions, 'priya', clock.now()));
    const second = await service.signIn(await storedLink(sessions, 'tomas', clock.now()));

    // Act
    const priya = await service.current(first?.cookieValue);
    const tomas = await service.current(second?.cookieValue);
    if (priya) await service.signOut(priya.session);
    const afterSignOut = await service.current(first?.cookieValue);
    clock.advance(BOARD.sessionHours * 3600);
    const afterExpiry = await service.current(second?.cookieValue);

    // Assess
    expect(priya?.person.id).toBe('priya');
    expect(priya?.session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tomas?.person.id).toBe('tomas');
    expect(afterSignOut).toBeUndefined();
    expect(afterExpiry).toBeUndefined();
    expect(await service.current(undefined)).toBeUndefined();
    expect(await service.current('garbage')).toBeUndefined();
  });
});

describe('SignInSender: one link per request', () => {
  it('a redelivered sign-in message sends no second SMS (nor a second link)', async () => {
    // Prepare
    const { service, sender, sms, sessions, queued } = setup();
    await service.requestLink('+1 512 555 0105');
    const [message] = queued();
    if (!message) throw new Error('nothing queued');

    // Act
    const first = await sender.send(message);
    const again = await sender.send(message);

    // Assess
    expect([first, again]).toEqual(['sent', 'skipped']);
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]?.body).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    expect(sessions.signInTokens.size).toBe(1);
  });

  it('a second request is a second link; a redelivered email request sends no second email', async () => {
    // Prepare
    const { service, sender, email, queued } = setup();
    await service.requestLink('priya@lonestar.example.com');
    await service.requestLink('priya@lonestar.example.com');
    const [one, two] = queued();
    if (!one || !two) throw new Error('not queued');

    // Act
    await sender.send(one);
    await sender.send(one);
    await sender.send(two);

    // Assess
    expect(email.sent).toHaveLength(2);
  });

  it('a send that fails gives the request back, so the retry sends it once', async () => {
    // Prepare
    const { service, sender, sms, queued } = setup();
    await service.requestLink('+1 512 555 0105');
    const [message] = queued();
    if (!message) throw new Error('nothing queued');
    sms.throttleNext = 1;

    // Act
    const failed = await sender.send(message).catch((error: Error) => error.name);
    const retried = await sender.send(message);
    const redelivered = await sender.send(message);

    // Assess
    expect(failed).toBe('DeliveryError');
    expect([retried, redelivered]).toEqual(['sent', 'skipped']);
    expect(sms.sent).toHaveLength(1);
  });

  it('still sends a message queued before request ids existed', async () => {
    // Prepare
    const { sender, email } = setup();

    // Act
    await sender.send({ type: 'sign_in', recipientId: 'priya', channel: 'email' });

    // Assess
    expect(email.sent).toHaveLength(1);
  });
});
