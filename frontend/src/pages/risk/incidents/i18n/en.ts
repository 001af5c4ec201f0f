// English texts of the incidents pages: the same keys as zh-CN.ts.
import type { Messages } from './zh-CN'

const en: Messages = {
  incidents: {
    title: 'Incidents',
    subtitle: 'The incident board: follow the response by status, record actions and the resolution.',
    new: 'Log an incident',
    allLevels: 'All levels',
    allStatuses: 'All statuses',
    allStores: 'All stores',
    empty: 'No incidents',
    details: 'Details',
    fields: { risk: 'Risk', level: 'Level', title: 'Title', description: 'Description', occurred_at: 'Occurred', owner: 'Owner', status: 'Status', store: 'Store', resolution: 'Resolution', hours_to_resolve: 'Time to resolve', created_by_name: 'Logged by' },
    titleRequired: 'Enter a title',
    riskRequired: 'Choose a risk',
    created: 'Incident logged',
    timeline: 'Response timeline',
    opened: 'Incident logged',
    kinds: { action: 'Action', resolve: 'Resolved', close: 'Closed' },
    action: { note: 'Action taken', photos: 'Photos', add: 'Add action', noteRequired: 'Describe the action', saved: 'Action recorded', photoAlt: 'Photo {n}' },
    resolve: { action: 'Resolve', resolution: 'Resolution', required: 'Enter the resolution', saved: 'Incident resolved' },
    close: { action: 'Close incident', confirm: 'Close this incident?', saved: 'Incident closed' },
    edit: { action: 'Edit', title: 'Edit incident', saved: 'Incident updated', nothing: 'Nothing changed' },
    back: 'Back to the board',
  },
}

export default en
