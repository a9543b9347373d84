import type { Db } from '../db/connect.js';
import type { EmployeeRole } from '../db/schema.js';
import { ChartlinkError } from '../errors.js';

/** The employee behind a Slack user, with the clinics they work for. */
export interface Staff {
  employeeId: number;
  displayName: string;
  role: EmployeeRole;
  slackUserId: string;
  clinicIds: number[];
}

/** The employee mapped to a Slack user, or undefined when nobody is. */
export async function findStaff(db: Db, slackUserId: string): Promise<Staff | undefined> {
  const employee = await db
    .selectFrom('employees')
    .select(['id', 'display_name', 'role'])
    .where('slack_user_id', '=', slackUserId)
    .executeTakeFirst();
  if (!employee) return undefined;

  const clinics = await db
    .selectFrom('employee_clinics')
    .select('clinic_id')
    .where('employee_id', '=', employee.id)
    .orderBy('clinic_id')
    .execute();

  return {
    employeeId: employee.id,
    displayName: employee.display_name,
    role: employee.role,
    slackUserId,
    clinicIds: clinics.map((c) => c.clinic_id),
  };
}

/** Like findStaff, but an unmapped Slack user is the NOT_MAPPED error. */
export async function requireStaff(db: Db, slackUserId: string): Promise<Staff> {
  const staff = await findStaff(db, slackUserId);
  if (!staff) throw new ChartlinkError('NOT_MAPPED', { detail: { slackUserId } });
  return staff;
}

/** Office managers and admins act for every procedure of their clinics. */
export function managesClinic(staff: Staff, clinicId: number): boolean {
  return staff.role !== 'provider' && staff.clinicIds.includes(clinicId);
}

/**
 * Whether the person may attach this procedure: managers and admins at their clinics, providers
 * only their own procedures (wherever they charted them).
 */
export function assertMayAttach(
  staff: Staff,
  procedure: { clinic_id: number; provider_id: number },
): void {
  if (staff.role === 'provider') {
    if (procedure.provider_id === staff.employeeId) return;
    throw new ChartlinkError('NOT_OWN_PROCEDURE', { detail: { employeeId: staff.employeeId } });
  }

  if (!managesClinic(staff, procedure.clinic_id)) {
    throw new ChartlinkError('NOT_ALLOWED', {
      detail: { employeeId: staff.employeeId, clinicId: procedure.clinic_id },
    });
  }
}
