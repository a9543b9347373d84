import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { describeEachDatabase } from '../support/databases.js';
import { FORM_CONTENT_TYPE, postToBolt } from '../support/signing.js';
import {
  BOT_TOKEN,
  CHART,
  CHANNEL,
  DIGEST_TS,
  INVOICE,
  INVOICE_NUMBER,
  PATIENT_NAMES,
  PROCEDURE,
  SIGNING_SECRET,
  USER,
} from './fixtures.js';
import {
  click,
  command,
  homeOpened,
  JSON_CONTENT_TYPE,
  lastResponse,
  search,
  searched,
  startHarness,
  type Harness,
} from './harness.js';

async function links(h: Harness) {
  return h.ctx.db.selectFrom('invoice_procedure_links').selectAll().execute();
}

function ephemeralTexts(h: Harness): string[] {
  return h.slack.callsTo('chat.postEphemeral').map((c) => String(c.body.text));
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

describeEachDatabase('slack app', (database) => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness(database());
  });

  afterEach(async () => {
    await h.close();
  });

  describe('/chartlink', () => {
    it('should answer help ephemerally well within 3 seconds', async () => {
      const response = await h.send(command(h, USER.manager, 'help'));

      expect(response.status).toBe(200);
      expect(response.ms).toBeLessThan(3000);
      expect(lastResponse(h)).toMatchObject({ response_type: 'ephemeral' });
      expect(String(lastResponse(h).text)).toContain('/chartlink mine');
    });

    it.each([
      ['empty text', ''],
      ['an unknown word', 'frobnicate'],
      ['4,000 characters of junk', 'x'.repeat(4000)],
      ['emoji', '🔥💉🔥'],
      ['SQL-ish text', "invoice 1'; drop table invoices; --"],
      ['a bad date', 'day 2025-13-45'],
    ])('should answer %s with the help', async (_title, text) => {
      const response = await h.send(command(h, USER.manager, text));

      expect(response.status).toBe(200);
      expect(String(lastResponse(h).text)).toContain('/chartlink mine');
    });

    it('should show an invoice with its candidates and the Attach actions', async () => {
      await h.send(command(h, USER.manager, `invoice ${INVOICE_NUMBER.quickpay}`));

      const answer = lastResponse(h);
      expect(answer.response_type).toBe('ephemeral');
      const blocks = answer.blocks as { type: string; block_id?: string }[];
      expect(
        blocks.some((b) => b.type === 'actions' && b.block_id === `lookup:${INVOICE.quickpay}`),
      ).toBe(true);
      expect(json(blocks)).toContain('BTX 3 areas');
    });

    it('should find an invoice typed in small letters, on either database', async () => {
      await h.send(command(h, USER.manager, `invoice ${INVOICE_NUMBER.quickpay.toLowerCase()}`));

      expect(json(lastResponse(h).blocks)).toContain(`lookup:${INVOICE.quickpay}`);
    });

    it('should say why an invoice cannot take a procedure', async () => {
      await h.send(command(h, USER.manager, `invoice ${INVOICE_NUMBER.egift}`));

      expect(json(lastResponse(h).blocks)).toContain('gift card');
      expect(json(lastResponse(h).blocks)).not.toContain('"actions"');
    });

    it("should not show another clinic's invoice", async () => {
      await h.send(command(h, USER.otherManager, `invoice ${INVOICE_NUMBER.quickpay}`));
      expect(String(lastResponse(h).text)).toContain('No invoice');
    });

    it("should list a patient's procedures with ✅ or ❌ and no name", async () => {
      await h.send(command(h, USER.manager, `patient ${CHART.zelda}`));

      const shown = json(lastResponse(h).blocks);
      expect(shown).toContain('BTX 3 areas');
      expect(shown).toContain('❌');
      expect(shown).not.toContain('IV drip');
      for (const name of PATIENT_NAMES) expect(shown).not.toContain(name);
    });

    it('should find a patient by name but not show the name', async () => {
      await h.send(command(h, USER.manager, 'patient quixote'));

      const shown = json(lastResponse(h).blocks);
      expect(shown).toContain(CHART.zelda);
      for (const name of PATIENT_NAMES) expect(shown).not.toContain(name);
    });

    it("should list a day's appointments complete or open", async () => {
      await h.send(command(h, USER.manager, 'day yesterday'));

      const shown = json(lastResponse(h).blocks);
      expect(shown).toContain(CHART.zelda);
      expect(shown).toContain(CHART.yorick);
      expect(shown).toContain('❌');
    });

    it('should say that no provider matches, and that a future day has not come', async () => {
      await h.send(command(h, USER.manager, 'day yesterday Nobody'));
      expect(String(lastResponse(h).text)).toContain('No past appointment that day');

      await h.send(command(h, USER.manager, 'day 2099-01-01'));
      expect(String(lastResponse(h).text)).toContain('has not come yet');
    });

    it("should list a provider's own open items for mine", async () => {
      await h.send(command(h, USER.provider, 'mine'));

      const shown = json(lastResponse(h).blocks);
      expect(shown).toContain(CHART.zelda);
      expect(shown).toContain(CHART.yorick);
    });

    it('should tell an unmapped user how to get mapped', async () => {
      await h.send(command(h, USER.unmapped, 'mine'));
      expect(String(lastResponse(h).text)).toContain('not linked to an employee');
    });
  });

  describe('Attach in the digest', () => {
    it('should attach the preselected procedure and update the digest in place', async () => {
      const response = await h.send(click(h, { user: USER.manager }));

      expect(response.status).toBe(200);
      expect(await links(h)).toEqual([
        expect.objectContaining({ invoice_id: INVOICE.quickpay, procedure_id: PROCEDURE.botox }),
      ]);
      const updates = h.slack.callsTo('chat.update');
      expect(updates).toHaveLength(1);
      expect(updates[0]!.body).toMatchObject({ channel: CHANNEL.one, ts: DIGEST_TS });
      expect(json(updates[0]!.body.blocks)).toContain('"action_id":"undo"');
      expect(json(updates[0]!.body.blocks)).toContain(`<@${USER.manager}>`);
      expect(ephemeralTexts(h)).toEqual([]);
    });

    it('should attach the procedure chosen in the search select', async () => {
      await h.send(click(h, { user: USER.manager, state: searched(PROCEDURE.lips) }));

      expect((await links(h)).map((l) => l.procedure_id)).toEqual([PROCEDURE.lips]);
    });

    it('should make one link of a double click and answer the second cleanly', async () => {
      const body = click(h, { user: USER.manager });
      const responses = await Promise.all([h.send(body), h.send(body)]);

      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      expect(await links(h)).toHaveLength(1);
      expect(ephemeralTexts(h)).toEqual([expect.stringContaining('already has a procedure')]);
    });

    it('should make one link when two managers attach at once', async () => {
      await Promise.all([
        h.send(click(h, { user: USER.manager })),
        h.send(click(h, { user: USER.manager2, state: searched(PROCEDURE.lips) })),
      ]);

      expect(await links(h)).toHaveLength(1);
      const [told] = h.slack.callsTo('chat.postEphemeral');
      expect(String(told?.body.text)).toMatch(/attached by (Maria|Mona) S\./);
    });

    it('should refuse a forged signature and a stale timestamp, writing nothing', async () => {
      const body = click(h, { user: USER.manager });
      const forged = await postToBolt(h.url, SIGNING_SECRET, body, FORM_CONTENT_TYPE, {
        signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000',
      });
      const stale = await postToBolt(h.url, SIGNING_SECRET, body, FORM_CONTENT_TYPE, {
        timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
      });
      const wrongSecret = await postToBolt(h.url, 'not-the-secret', body, FORM_CONTENT_TYPE);
      await h.server.idle();

      expect([forged.status, stale.status, wrongSecret.status]).toEqual([401, 401, 401]);
      expect(await links(h)).toEqual([]);
      expect(h.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    });

    it('should refuse a tampered invoice id and write nothing', async () => {
      const value = JSON.stringify({ invoiceId: INVOICE.elsewhere, appointmentId: 1, clinicId: 1 });
      await h.send(click(h, { user: USER.manager, value }));

      expect(await links(h)).toEqual([]);
      expect(ephemeralTexts(h)).toEqual([expect.stringContaining('another clinic')]);
    });

    it('should refuse a tampered procedure id of another patient and write nothing', async () => {
      await h.send(click(h, { user: USER.manager, state: searched(PROCEDURE.microneedling) }));

      expect(await links(h)).toEqual([]);
      expect(ephemeralTexts(h)).toEqual([expect.stringContaining('another patient')]);
    });

    it('should tell a user with no employee mapping, and write nothing', async () => {
      await h.send(click(h, { user: USER.unmapped }));

      expect(await links(h)).toEqual([]);
      expect(ephemeralTexts(h)).toEqual([expect.stringContaining('not linked to an employee')]);
    });
  });

  describe('Undo', () => {
    const undoClick = (user: string) =>
      click(h, { user, action: 'undo', blockId: `done:1:${INVOICE.quickpay}` });

    beforeEach(async () => {
      await h.send(click(h, { user: USER.manager }));
      h.slack.calls.length = 0;
    });

    it('should let the person who attached undo within 10 minutes', async () => {
      h.clock.now += 5 * 60 * 1000;
      await h.send(undoClick(USER.manager));

      expect(await links(h)).toEqual([]);
      expect(h.slack.callsTo('chat.update')).toHaveLength(1);
      expect(json(h.slack.callsTo('chat.update')[0]!.body.blocks)).toContain(
        '"action_id":"attach"',
      );
    });

    it('should refuse another manager, and let an admin undo later', async () => {
      await h.send(undoClick(USER.manager2));
      expect(await links(h)).toHaveLength(1);
      expect(ephemeralTexts(h)).toEqual([expect.stringContaining('Only the person who attached')]);

      h.clock.now += 2 * 24 * 60 * 60 * 1000;
      await h.send(undoClick(USER.admin));
      expect(await links(h)).toEqual([]);
    });
  });

  describe('search select', () => {
    it("should offer the patient's open procedures filtered by the typed text", async () => {
      const response = await h.send(search(USER.manager, `item:1:${INVOICE.quickpay}`, 'lip'));

      const { options } = JSON.parse(response.text) as { options: { text: { text: string } }[] };
      expect(options.map((o) => o.text.text)).toEqual([expect.stringContaining('Lips 1 syr Juvi')]);
      expect(options.every((o) => o.text.text.length <= 75)).toBe(true);
      for (const name of PATIENT_NAMES) expect(response.text).not.toContain(name);
    });

    it('should offer nothing to a manager of another clinic', async () => {
      const response = await h.send(search(USER.otherManager, `item:1:${INVOICE.quickpay}`, ''));
      expect(JSON.parse(response.text)).toEqual({ options: [] });
    });
  });

  describe('App Home', () => {
    it("should publish a manager's open counts on app_home_opened", async () => {
      const response = await h.send(homeOpened(USER.manager), JSON_CONTENT_TYPE);

      expect(response.status).toBe(200);
      const [published] = h.slack.callsTo('views.publish');
      expect(published?.body.user_id).toBe(USER.manager);
      expect(published?.body.view).toMatchObject({ type: 'home' });
      expect(json(published?.body.view)).toContain('Ready to attach');
      expect(json(published?.body.view)).toMatch(/not tied to a chart since \w+ \d+/);
      expect(json(published?.body.view)).toContain('Still open from earlier days');
    });

    it('should tell an unmapped user how to get mapped', async () => {
      await h.send(homeOpened(USER.unmapped), JSON_CONTENT_TYPE);

      expect(json(h.slack.callsTo('views.publish')[0]?.body.view)).toContain(USER.unmapped);
    });
  });

  describe('health and logs', () => {
    it('should answer the health check while the database answers', async () => {
      const response = await fetch(`http://127.0.0.1:${h.server.port}/healthz`);
      expect(response.status).toBe(200);
    });

    it('should log no patient names and no tokens', async () => {
      await h.send(command(h, USER.manager, 'patient quixote'));
      await h.send(command(h, USER.manager, 'patient Zelda Quixote'));
      await h.send(click(h, { user: USER.manager }));
      await h.send(click(h, { user: USER.manager2 }));
      await h.send(homeOpened(USER.provider), JSON_CONTENT_TYPE);

      const logged = h.sink.lines.map((l) => JSON.stringify(l)).join('\n');
      expect(logged).toContain('procedure attached');
      for (const secret of [...PATIENT_NAMES, BOT_TOKEN, SIGNING_SECRET]) {
        expect(logged).not.toContain(secret);
      }
    });
  });
});

describeEachDatabase('slack server lifecycle', (database) => {
  it('should answer 503 on the health check once the database is gone', async () => {
    const h = await startHarness(database());
    await h.ctx.db.destroy();

    const response = await fetch(`http://127.0.0.1:${h.server.port}/healthz`);
    expect(response.status).toBe(503);
    await h.close();
  });

  it('should finish the work of an acked request before stop() resolves', async () => {
    const h = await startHarness(database());
    const response = await postToBolt(
      h.url,
      SIGNING_SECRET,
      click(h, { user: USER.manager }),
      FORM_CONTENT_TYPE,
    );
    expect(response.status).toBe(200);

    // The request is acked; its listener may still be attaching and updating the digest.
    await h.close();

    expect(h.slack.callsTo('chat.update')).toHaveLength(1);
    await expect(fetch(`http://127.0.0.1:${h.server.port}/healthz`)).rejects.toThrow();
  });
});
