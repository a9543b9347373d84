import { expect, it } from 'vitest';

import { PracticeBuilder } from '../fixtures/practice.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('text in the database', (testDb) => {
  it('should keep accents and emoji in titles and names', async () => {
    const { db } = testDb();
    const b = new PracticeBuilder(db);
    const clinicId = await b.clinic('Clínica Ñandú');
    const providerId = await b.employee('Zoë Müller NP', 'provider', [clinicId]);
    const patientId = await b.patient(clinicId, 'José', 'Núñez');
    const title = 'relleno labios 💋 — ojeras';

    await b.procedure({
      clinicId,
      patientId,
      providerId,
      appointmentId: null,
      title,
      date: '2026-12-01',
    });

    const row = await db.selectFrom('procedures').select('title').executeTakeFirstOrThrow();
    const patient = await db.selectFrom('patients').selectAll().executeTakeFirstOrThrow();
    expect(row.title).toBe(title);
    expect(`${patient.first_name} ${patient.last_name}`).toBe('José Núñez');
  });
});
