/** NFPA 70B compliance of one equipment: compliant when no required task is overdue. */
import type { Equipment } from './inputs.js';
import { worstStatus, type MaintenanceStatus, type TaskStatus } from './maintenance-schedule.js';

export interface Equipment70B {
  compliant: boolean;
  /** Share of required tasks that are not overdue. */
  compliance_percentage: number;
  next_inspection_due: string | null;
  maintenance_status: MaintenanceStatus;
  last_inspection: string | null;
  tasks: TaskStatus[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The latest day any work was recorded (deferred work aside). */
export function lastInspectionDay(e: Equipment): string | null {
  let lastInspection: string | null = null;
  for (const r of e.maintenance_records) {
    const d = r.date.slice(0, 10);
    if (r.result !== 'deferred' && (lastInspection === null || d > lastInspection)) lastInspection = d;
  }
  return lastInspection;
}

/** `lastInspection`: `lastInspectionDay(e)`, when the caller has already read it (`Evidence.lastRecorded`). */
export function complianceFor70B(e: Equipment, tasks: TaskStatus[], lastInspection = lastInspectionDay(e)): Equipment70B {
  let current = 0;
  let firstDue: string | null = null; // the earliest known due date (code-unit order, as a default sort)
  let unknownDue = false;
  for (const t of tasks) {
    if (t.status !== 'overdue') current += 1;
    if (t.next_due === null) unknownDue = true;
    else if (firstDue === null || t.next_due < firstDue) firstDue = t.next_due;
  }
  return {
    compliant: current === tasks.length,
    compliance_percentage: tasks.length ? round1((current / tasks.length) * 100) : 100,
    // An overdue task with no known due date is due now.
    next_inspection_due: unknownDue ? null : firstDue,
    maintenance_status: worstStatus(tasks),
    last_inspection: lastInspection,
    tasks,
  };
}
