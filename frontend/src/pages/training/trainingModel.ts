// Model logic of the training pages, kept out of the components so it is tested alone.
import type { AttendanceRequest, HealthCertificate, TrainingAttendance } from '@/api/training'

export type CertState = HealthCertificate['state']
export type TagType = 'success' | 'warning' | 'danger' | 'info'

/** The colour of a certificate's state tag: expired and missing are red, expiring amber. */
export function certTag(state: CertState): TagType {
  switch (state) {
    case 'valid':
      return 'success'
    case 'expiring':
      return 'warning'
    default:
      return 'danger'
  }
}

export type Mark = 'attended' | 'absent'

/** The ticks of an attendance sheet: recorded statuses, unrecorded ones left out. */
export function initialMarks(rows: readonly TrainingAttendance[]): Record<number, Mark | undefined> {
  return Object.fromEntries(rows.map((r) => [r.employee_id, r.status ?? undefined]))
}

/** The request recording the ticked employees; scores only for those who attended. */
export function attendancePayload(marks: Record<number, Mark | undefined>, scores: Record<number, number | undefined> = {}): AttendanceRequest | null {
  const attendance: AttendanceRequest['attendance'] = []
  for (const [id, status] of Object.entries(marks)) {
    if (!status) continue
    const row: AttendanceRequest['attendance'][number] = { employee_id: Number(id), status }
    const score = scores[Number(id)]
    if (status === 'attended' && score !== undefined && score !== null && Number.isFinite(score)) row.score = score
    attendance.push(row)
  }
  return attendance.length ? { attendance } : null
}

/** Counts of ticks: attended, absent and still open. */
export function markCounts(marks: Record<number, Mark | undefined>): { attended: number; absent: number; open: number } {
  const values = Object.values(marks)
  return {
    attended: values.filter((m) => m === 'attended').length,
    absent: values.filter((m) => m === 'absent').length,
    open: values.filter((m) => !m).length,
  }
}

/** A certificate form's problems before it is sent: dates in order, the fields filled. */
export function certificateProblems(form: { employee_id?: number | null; number: string; issued_on: string; expires_on: string }): string[] {
  const out: string[] = []
  if (!form.employee_id) out.push('employee_id')
  if (!form.number.trim()) out.push('number')
  if (!form.issued_on) out.push('issued_on')
  if (!form.expires_on) out.push('expires_on')
  else if (form.issued_on && form.expires_on <= form.issued_on) out.push('expires_on')
  return out
}
