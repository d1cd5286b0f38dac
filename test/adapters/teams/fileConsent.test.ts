/**
 * `board pack` as a file in Teams, through botbuilder's TestAdapter over a real Azurite: in a 1:1 chat the
 * bot sends a file consent card; accepting it makes the bot PUT the document to the upload URL (a real
 * HTTP server here, as OneDrive's upload session would take it) and answer with a file info card;
 * declining it is answered in words. In a channel, or where Teams takes no file, the answer says where
 * the pack was written, as before. Teams' side follows the Bot Framework file upload documentation:
 * https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/bots-filesv4
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Activity } from 'botbuilder';

import { FILE_CONSENT_CARD, FILE_INFO_CARD } from '../../../src/adapters/teams/fileConsent';
import { evaluation, type Row } from '../../app/board/evaluationFixtures';
import { DEMO, type RoundHarness, roundHarness } from '../../support/roundHarness';

const TERM = '2025-26-summer';
const ROWS: Row[] = [
  ['990001', 'The Philip Morant School and College', 'o1', 'Attendance', 'met', 'Attendance 96% meets 95%.'],
  ['990002', 'Kingfisher Meadow School', 'o1', 'Attendance', 'missed', 'Attendance 89% missed 95%.'],
];

async function withClosedTerm(fileUploads: boolean): Promise<RoundHarness> {
  const h = await roundHarness('2026-12-02T10:00:00Z', {}, { fileUploads });
  await h.services.round.rounds.create({
    term: TERM,
    status: 'open',
    openedOn: '2026-06-22',
    closesOn: '2026-07-10',
    openedBy: 'test',
    openedAt: '2026-06-22T08:00:00.000Z',
    academyCount: 6,
  });
  await h.services.round.rounds.close(TERM, '2026-07-11T08:00:00.000Z', 'test');
  await h.services.round.evaluations.save(TERM, evaluation(TERM, ROWS, ['o1']));
  return h;
}

interface Received {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A local HTTP server standing for the upload session: it keeps what it was sent and answers `status`. */
async function uploadServer(
  status: number,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'drive-item-1', name: 'board-pack-2025-26-summer.html' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/upload/session-1`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Teams' answer to the consent card: a `fileConsent/invoke` from the person, with the card's context. */
function consentAnswer(
  h: RoundHarness,
  aad: string,
  action: 'accept' | 'decline',
  context: unknown,
  uploadUrl = 'https://contoso-my.sharepoint.com/upload',
): Partial<Activity> {
  return {
    ...h.message(aad, ''),
    type: 'invoke',
    name: 'fileConsent/invoke',
    text: undefined,
    value: {
      type: 'fileUpload',
      action,
      context,
      ...(action === 'accept' && {
        uploadInfo: {
          contentUrl: 'https://contoso-my.sharepoint.com/personal/amara/Documents/board-pack.html',
          name: 'board-pack-2025-26-summer.html',
          uploadUrl,
          uniqueId: 'F0E1D2C3-0000-4000-8000-000000000001',
          fileType: 'html',
        },
      }),
    },
  };
}

function invokeStatus(replies: Partial<Activity>[]): number | undefined {
  return (replies.find((reply) => reply.type === 'invokeResponse')?.value as { status?: number } | undefined)
    ?.status;
}

describe('board pack as a file in a Teams 1:1 chat', () => {
  it('offers the pack with a file consent card naming the file, its size and the term', async () => {
    const h = await withClosedTerm(true);
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'board pack summer 2026'));
    const card = reply?.attachments?.[0];
    expect(card?.contentType).toBe(FILE_CONSENT_CARD);
    expect(card?.name).toBe('board-pack-2025-26-summer.html');
    const content = card?.content as { sizeInBytes: number; acceptContext: unknown; declineContext: unknown };
    expect(content.sizeInBytes).toBeGreaterThan(1000);
    expect(content.acceptContext).toEqual({ term: TERM });
    expect(content.declineContext).toEqual({ term: TERM });
  });

  it('uploads the document when accepted and answers with a file info card', async () => {
    const h = await withClosedTerm(true);
    const [offer] = await h.say(h.message(DEMO.ceo.aad, 'board pack'));
    const size = (offer?.attachments?.[0]?.content as { sizeInBytes: number }).sizeInBytes;
    const server = await uploadServer(201);
    try {
      const replies = await h.say(consentAnswer(h, DEMO.ceo.aad, 'accept', { term: TERM }, server.url));
      expect(server.received).toHaveLength(1);
      const [put] = server.received;
      expect(put?.method).toBe('PUT');
      expect(put?.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
      expect(put?.headers['content-type']).toBe('text/html');
      expect(put?.body.length).toBe(size);
      expect(put?.body.toString('utf8')).toContain('Kingfisher Meadow School');
      const sent = replies.find((reply) => reply.attachments?.[0]?.contentType === FILE_INFO_CARD);
      expect(sent?.text).toBe('Here is the summer 2026 board pack.');
      expect(sent?.attachments?.[0]).toEqual({
        contentType: FILE_INFO_CARD,
        name: 'board-pack-2025-26-summer.html',
        contentUrl: 'https://contoso-my.sharepoint.com/personal/amara/Documents/board-pack.html',
        content: { uniqueId: 'F0E1D2C3-0000-4000-8000-000000000001', fileType: 'html' },
      });
      expect(invokeStatus(replies)).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('says so when the upload is refused, and sends nothing to an upload URL in the clear elsewhere', async () => {
    const h = await withClosedTerm(true);
    const server = await uploadServer(500);
    try {
      const refused = await h.say(consentAnswer(h, DEMO.ceo.aad, 'accept', { term: TERM }, server.url));
      expect(server.received).toHaveLength(1);
      expect(refused.find((reply) => reply.text)?.text).toBe(
        "I couldn't put the summer 2026 board pack in your OneDrive. Type **board pack** to try again.",
      );
      const clear = await h.say(
        consentAnswer(h, DEMO.ceo.aad, 'accept', { term: TERM }, 'http://files.example/upload'),
      );
      expect(clear.find((reply) => reply.text)?.text).toContain("I couldn't put the summer 2026 board pack");
      expect(clear.some((reply) => reply.attachments?.length)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('answers a decline in words, and refuses an accept from a head or with a damaged context', async () => {
    const h = await withClosedTerm(true);
    const declined = await h.say(consentAnswer(h, DEMO.ceo.aad, 'decline', { term: TERM }));
    expect(declined.find((reply) => reply.text)?.text).toBe(
      'Not sent. Type **board pack** when you want it.',
    );
    expect(invokeStatus(declined)).toBe(200);
    const head = await h.say(consentAnswer(h, DEMO.headPms.aad, 'accept', { term: TERM }));
    expect(head.find((reply) => reply.text)?.text).toBe('Sorry, only executives can have the board pack.');
    const damaged = await h.say(consentAnswer(h, DEMO.ceo.aad, 'accept', { term: '../../etc/passwd' }));
    expect(damaged.find((reply) => reply.text)?.text).toBe(
      'This file offer is out of date or damaged. Type **board pack** to have it again.',
    );
  });

  it('says where the pack would be written where Teams takes no file (a channel, the local playground)', async () => {
    const channel = await withClosedTerm(true);
    const [inChannel] = await channel.say({
      ...channel.message(DEMO.ceo.aad, 'board pack'),
      conversation: {
        id: '19:board@thread.tacv2',
        conversationType: 'channel',
        isGroup: true,
        name: 'Board',
      },
    });
    expect(inChannel?.text).toMatch(
      /^This host keeps no files, so I can't write the summer 2026 board pack here/,
    );
    const local = await withClosedTerm(false);
    const [reply] = await local.say(local.message(DEMO.ceo.aad, 'board pack'));
    expect(reply?.attachments).toBeUndefined();
    expect(reply?.text).toMatch(/^This host keeps no files/);
  });
});
