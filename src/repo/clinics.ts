import type { Db } from '../db/connect.js';
import type { Clinic } from '../db/schema.js';

export async function listClinics(db: Db): Promise<Clinic[]> {
  return db.selectFrom('clinics').selectAll().orderBy('id').execute();
}

export async function findClinic(db: Db, id: number): Promise<Clinic | undefined> {
  return db.selectFrom('clinics').selectAll().where('id', '=', id).executeTakeFirst();
}
