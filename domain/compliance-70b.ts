/** NFPA 70B compliance of one equipment: compliant when no required task is overdue. */
import type { Equipment } from '../condoit/schema.js';
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

export function complianceFor70B(e: Equipment, tasks: TaskStatus[]): Equipment70B {
  const current = tasks.filter((t) => t.status !== 'overdue').length;
  const due = tasks.map((t) => t.next_due).filter((d): d is string => d !== null).sort();
  let lastInspection: string | null = null;
  for (const r of e.maintenance_records) {
    const d = r.date.slice(0, 10);
    if (r.result !== 'deferred' && (lastInspection === null || d > lastInspection)) lastInspection = d;
  }
  return {
    compliant: current === tasks.length,
    compliance_percentage: tasks.length ? round1((current / tasks.length) * 100) : 100,
    // An overdue task with no known due date is due now.
    next_inspection_due: tasks.some((t) => t.next_due === null) ? null : (due[0] ?? null),
    maintenance_status: worstStatus(tasks),
    last_inspection: lastInspection,
    tasks,
  };
}
