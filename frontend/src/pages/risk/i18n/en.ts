// English texts of the risk register, incident and readiness pages: the same keys as zh-CN.ts.
import type { Messages } from './zh-CN'

const en: Messages = {
  risk: {
    levels: { low: 'Low', medium: 'Medium', high: 'High' },
    departments: { it: 'IT', logistics: 'Logistics', store_ops: 'Store operations', quality: 'Quality', security: 'Security' },
    statuses: { open: 'Open', responding: 'Responding', resolved: 'Resolved', closed: 'Closed' },
    register: {
      title: 'Risk register',
      subtitle: "The chain's risks: level, symptoms, owner department and response measures.",
      new: 'New risk',
      edit: 'Edit',
      archived: 'Archived',
      showArchived: 'Show archived',
      fields: { code: 'Code', name: 'Name', name_en: 'English name', level: 'Level', symptoms: 'Symptoms', symptoms_en: 'Symptoms (English)', owner_department: 'Owner department', measures: 'Response measures', active: 'Active' },
      measureZh: 'Measure (Chinese)',
      measureEn: 'Measure (English)',
      addMeasure: 'Add a measure',
      removeMeasure: 'Remove this measure',
      saved: 'Saved',
    },
  },
}

export default en
