/**
 * The board pack as a file in Teams (Bot Framework file upload, personal chats only): the offer becomes a
 * file consent card; the person's answer comes back as a `fileConsent/invoke`. On accept the bot PUTs the
 * document to the upload URL Teams gave (a OneDrive upload session, one request for a file this size),
 * then sends a file info card pointing at it; on decline it says so. What is sent and to whom is decided
 * in src/app/board (boardPackReplies, boardPackUpload, boardPackDeclined); this file only translates.
 */
import type { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { Attachment, FileConsentCardResponse, TurnContext } from 'botbuilder';

import { boardPackDeclined, type BoardPackOffer, boardPackUpload } from '../../app/board/boardChat';
import type { BotDeps } from './botDeps';
import { identifySender } from './identifySender';
import { remember } from './installRoutes';
import { toActivity } from './turnHelpers';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** Whether Teams can take a file from the bot in this conversation: in a 1:1 chat, for a registered bot. */
export function takesFiles(deps: BotDeps, context: TurnContext): boolean {
  return deps.fileUploads === true && context.activity.conversation.conversationType === 'personal';
}

/** The offer as Teams' file consent card; the term comes back in the accept or decline. */
export function fileConsentCard(offer: BoardPackOffer): Attachment {
  const context = { term: offer.term };
  return {
    contentType: FILE_CONSENT_CARD,
    name: offer.fileName,
    content: {
      description: offer.description,
      sizeInBytes: offer.sizeInBytes,
      acceptContext: context,
      declineContext: context,
    },
  };
}

/**
 * Where the bot may PUT the file: Teams gives an https URL; plain http only on this machine (a local
 * test server), so a forged answer cannot send the pack elsewhere in the clear.
 */
function uploadUrlOf(response: FileConsentCardResponse): URL | undefined {
  const raw = response.uploadInfo?.uploadUrl;
  if (typeof raw !== 'string') return undefined;
  try {
    const url = new URL(raw);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && local) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The answers to the file consent card: accept (upload, then the file info card) and decline. */
export function addFileConsentRoutes(app: Application<TurnState>, deps: BotDeps): void {
  app.fileConsentAccept(async (context, _state, response) => {
    const { roster, known } = await identifySender(deps, context);
    if (!roster || !known) return;
    await remember(deps, context, roster, known);
    const upload = await boardPackUpload(deps.board, roster, known, response.context);
    if (upload.kind === 'text') {
      await context.sendActivity(toActivity(upload));
      return;
    }
    const url = uploadUrlOf(response);
    const size = upload.bytes.length;
    const answer = url
      ? await fetch(url, {
          method: 'PUT',
          headers: {
            'content-type': upload.contentType,
            'content-length': String(size),
            'content-range': `bytes 0-${size - 1}/${size}`,
          },
          body: new Uint8Array(upload.bytes),
        }).catch((error: unknown) => {
          deps.log.warn(`The board pack upload failed: ${String(error)}`);
          return undefined;
        })
      : undefined;
    if (!answer?.ok) {
      if (answer) deps.log.warn(`The board pack upload was refused: ${answer.status}`);
      await context.sendActivity(upload.failed);
      return;
    }
    const info = response.uploadInfo;
    await context.sendActivity({
      text: upload.sent,
      attachments: [
        {
          contentType: FILE_INFO_CARD,
          name: info?.name ?? upload.fileName,
          contentUrl: info?.contentUrl,
          content: { uniqueId: info?.uniqueId, fileType: info?.fileType },
        },
      ],
    });
  });
  app.fileConsentDecline(async (context) => {
    const { roster, known } = await identifySender(deps, context);
    if (!roster || !known) return;
    await context.sendActivity(toActivity(boardPackDeclined()));
  });
}
